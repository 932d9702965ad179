"""Piped-gas accounts: the file (records), the opening workflow, changes, meters, closing,
numbers, identity, search, gas-on days, attachments and the account page's read model."""
