"""The benchmark: measures the product side by side with stock Material. Not part of the product."""
