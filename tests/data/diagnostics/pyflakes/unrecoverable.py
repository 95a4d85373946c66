def broken(:
    return undefined_everywhere(
