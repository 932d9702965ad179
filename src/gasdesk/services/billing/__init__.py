"""Billing: tariff schedules, bills from accepted readings on the ledger, price-change notices."""
