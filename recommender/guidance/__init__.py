"""The institute's guidance as rules with stable codes, and the quality evidence they compare on (design §5)."""
