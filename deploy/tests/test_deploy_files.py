"""The shipped container and proxy files are valid (no Docker engine needed)."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent
EXAMPLE_ENV = DEPLOY / ".env.production.example"
STACKS = {
    "production": ["compose.yml"],
    "development": ["compose.yml", "compose.dev.yml"],
}


def compose_command() -> list[str]:
    """`docker compose` (v2 plugin) where installed, else Debian's `docker-compose`."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)")


def compose_config(files: list[str], env_file: Path | None) -> subprocess.CompletedProcess:
    command = compose_command()
    for name in files:
        command += ["-f", str(DEPLOY / name)]
    if env_file is not None:
        command += ["--env-file", str(env_file)]
    # Only the env file may supply the stack's variables, not whatever this shell exports.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POSTGRES_", "TANDEM_"))}
    return subprocess.run([*command, "config", "-q"], capture_output=True, text=True, check=False, env=env)


@pytest.mark.parametrize("stack", STACKS)
def test_compose_files_are_valid(stack: str):
    result = compose_config(STACKS[stack], EXAMPLE_ENV)
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_the_secrets(tmp_path: Path):
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = compose_config(STACKS["production"], empty)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_compose_services_wait_for_healthy_dependencies():
    import yaml

    stack = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    services = stack["services"]
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["app"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["app"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert all("healthcheck" in services[name] for name in ("db", "redis"))


def test_dockerfile_runs_as_non_root_with_a_healthcheck():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    runtime = dockerfile.split("AS runtime", 1)[1].split("AS proxy", 1)[0]
    assert "\nUSER tandem" in runtime
    assert "HEALTHCHECK" in runtime
    assert "--require-hashes -r requirements.lock" in runtime


def _self_signed(directory: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tandem.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (directory / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def test_nginx_config_passes_nginx_t(tmp_path: Path):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    _self_signed(tmp_path)
    # The container resolves `app` and keeps certificates in /etc/nginx/certs.
    site = (
        (DEPLOY / "nginx.conf")
        .read_text()
        .replace("server app:8000", "server 127.0.0.1:8000")
        .replace("/etc/nginx/certs", str(tmp_path))
        .replace("listen 80;", "listen 127.0.0.1:18080;")
        .replace("listen 443 ssl http2;", "listen 127.0.0.1:18443 ssl http2;")
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [binary, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
