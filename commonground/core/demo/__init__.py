"""A demo area: Ceredigion's real geography with fictional, deterministic data."""
