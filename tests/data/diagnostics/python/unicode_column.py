größe = 1
naïve = (größe +)
