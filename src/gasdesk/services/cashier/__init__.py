"""The cashier (收费): payments against bills and charges, gap-free receipts, voids and refunds."""
