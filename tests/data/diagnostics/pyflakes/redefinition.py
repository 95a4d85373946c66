def load(path):
    return open(path).read()


def load(path, encoding="utf-8"):
    with open(path, encoding=encoding) as f:
        return f.read()
