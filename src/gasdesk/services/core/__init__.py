"""Shared machinery every domain uses: errors, the actor, permissions, audit, settings, labels,
the state machine, what a service changed, and the runner of one unit of work."""
