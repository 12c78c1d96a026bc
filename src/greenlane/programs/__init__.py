"""Programs: trusted-trader memberships, mutual recognition, CSI ports, and the Green Lane."""
