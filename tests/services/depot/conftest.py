from depot_support import depot  # noqa: F401  (the depot fixture)
