"""The LPG depot (调瓶点): real-name customers, the cylinder register, movements, exchange."""
