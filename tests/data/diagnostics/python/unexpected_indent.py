def greet(name):
    return "hello " + name
      print("unreachable")
