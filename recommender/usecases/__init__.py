"""What the commands do, as library calls: recommend, compare, disclose, estimate (each returns a result to render)."""
