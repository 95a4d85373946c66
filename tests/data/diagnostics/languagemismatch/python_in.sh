import os
import sys


def main():
    for name in sorted(os.listdir(sys.argv[1])):
        print(name)


if __name__ == "__main__":
    main()
