values = compute(
    1,
    2,
