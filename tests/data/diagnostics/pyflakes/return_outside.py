import subprocess

result = subprocess.run(["true"], check=False)
if result.returncode != 0:
    return result.returncode
