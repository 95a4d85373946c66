def describe(name, count):
    unused = 42
    return "%s has %d items and %s" % (name, count)
