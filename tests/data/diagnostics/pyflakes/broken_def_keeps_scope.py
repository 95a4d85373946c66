def total(items, limit=10)
    count = 0
    for item in items:
        if item > limit:
            count += item
    return count


for row in rows_from_somewhere()
    if row is None:
        break
    print(helper_that_does_not_exist(row))
