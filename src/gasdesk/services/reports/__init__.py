"""Reports: pandas DataFrames built from the database, rendered to PDF and xlsx."""
