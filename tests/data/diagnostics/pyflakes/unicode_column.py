GREETING = "naïve 🙂 café"
banner = "🙂🙂 " + GREETING + missing_suffix
