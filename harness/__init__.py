"""Real Tandem servers for the browser tests, the deployment tests and the benchmark."""
