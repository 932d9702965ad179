"""Business rules in plain Python (never Qt), in packages named for what they hold.

core/ (errors, actor, permissions, audit, settings, labels, state machine, changes, runner),
office/ (users, passwords, the address tree), accounts/, ledger/, printing/, reports/, demo/.
"""
