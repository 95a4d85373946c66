def merge(left, right, left):
    """Merges two sorted lists."""
    return sorted(left + right)
