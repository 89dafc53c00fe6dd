"""The shipped container and proxy files are valid (no Docker engine needed)."""

from __future__ import annotations

import datetime
import os
import re
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
PROFILES = ("spa", "ssr")


def compose_command() -> list[str]:
    """`docker compose` (v2 plugin) where installed, else Debian's `docker-compose`."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)")


def compose_config(
    files: list[str], env_file: Path | None, profile: str | None = None
) -> subprocess.CompletedProcess:
    command = compose_command()
    for name in files:
        command += ["-f", str(DEPLOY / name)]
    if env_file is not None:
        command += ["--env-file", str(env_file)]
    if profile is not None:
        command += ["--profile", profile]
    # Only the env file may supply the stack's variables, not whatever this shell exports.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POSTGRES_", "TANDEM_"))}
    return subprocess.run([*command, "config", "-q"], capture_output=True, text=True, check=False, env=env)


@pytest.mark.parametrize("profile", [None, *PROFILES])
@pytest.mark.parametrize("stack", STACKS)
def test_compose_files_are_valid(stack: str, profile: str | None):
    result = compose_config(STACKS[stack], EXAMPLE_ENV, profile)
    assert result.returncode == 0, result.stderr


def _services_in(profile: str) -> dict[str, dict]:
    """The services `docker compose --profile <profile> up` starts (those without a profile, and the profile's)."""
    import yaml

    services = yaml.safe_load((DEPLOY / "compose.yml").read_text())["services"]
    return {name: spec for name, spec in services.items() if profile in spec.get("profiles", [profile])}


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ("spa", {"migrate", "app", "db", "redis", "proxy"}),
        ("ssr", {"migrate", "app", "db", "redis", "nuxt", "proxy-ssr"}),
    ],
)
def test_each_profile_runs_one_proxy_on_the_public_ports(profile: str, expected: set[str]):
    services = _services_in(profile)
    assert set(services) == expected
    public = [name for name, spec in services.items() if "ports" in spec]
    assert len(public) == 1, public
    assert services[public[0]]["ports"] == ["80:80", "443:443"]


def test_ssr_profile_trusts_forwarded_headers_from_its_proxy_network_only():
    import yaml

    stack = yaml.safe_load((DEPLOY / "compose.yml").read_text())
    nuxt, proxy = stack["services"]["nuxt"], stack["services"]["proxy-ssr"]
    edge_subnet = stack["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert nuxt["environment"]["NUXT_TRUSTED_PROXIES"] == edge_subnet
    assert "ports" not in nuxt  # reachable from the compose networks only, never published
    assert "edge" in proxy["networks"]
    # Only the proxy and the Nuxt servers are on the trusted network.
    on_edge = {name for name, spec in stack["services"].items() if "edge" in (spec.get("networks") or [])}
    assert on_edge == {"nuxt", "proxy-ssr"}
    # nginx reaches the Nuxt servers by their edge-only name, so they see its edge address.
    assert "nuxt-edge" in nuxt["networks"]["edge"]["aliases"]
    assert "server nuxt-edge:3000" in (DEPLOY / "nginx-ssr.conf").read_text()
    assert nuxt["depends_on"]["app"]["condition"] == "service_healthy"
    assert proxy["depends_on"]["nuxt"]["condition"] == "service_healthy"
    # Django is behind one proxy on every path (nginx on /api/, the Nuxt server on its own calls).
    app_env = stack["x-app-env"]
    assert app_env["TANDEM_TRUSTED_PROXY_COUNT"] == "1"


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


def _stage(name: str) -> str:
    """The instructions of one stage of deploy/Dockerfile."""
    stages = re.split(r"^FROM ", (DEPLOY / "Dockerfile").read_text(), flags=re.MULTILINE)
    [stage] = [text for text in stages if re.match(rf"\S+ AS {re.escape(name)}\n", text)]
    return stage


def _final_user(stage: str) -> str | None:
    users = re.findall(r"^USER (\S+)", stage, flags=re.MULTILINE)
    return users[-1] if users else None


def test_dockerfile_runs_as_non_root_with_a_healthcheck():
    runtime = _stage("runtime")
    assert _final_user(runtime) == "tandem"
    assert "HEALTHCHECK" in runtime
    assert "--require-hashes -r requirements.lock" in runtime


def test_dockerfile_nuxt_stage_runs_the_built_server_as_non_root_with_a_healthcheck():
    nuxt = _stage("nuxt")
    assert _final_user(nuxt) not in (None, "root", "0")
    assert re.search(r"^RUN useradd .*--uid 10001 tandem$", nuxt, flags=re.MULTILINE)
    assert 'CMD ["node", ".output/server/index.mjs"]' in nuxt
    healthcheck = re.search(r"^HEALTHCHECK .*\n\s+CMD (.*)$", nuxt, flags=re.MULTILINE)
    assert healthcheck
    assert "/healthz" in healthcheck[1]
    # Only the built output reaches the image: no sources, no npm install at run time.
    assert "COPY --from=nuxt-build /src/apps/nuxt/.output .output" in nuxt
    assert "npm" not in nuxt.split("\n", 1)[1]
    build = _stage("nuxt-build")
    assert "RUN npm ci" in build
    assert "npm run build -w @tandem/nuxt" in build


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


@pytest.mark.parametrize("config", ["nginx.conf", "nginx-ssr.conf"])
def test_nginx_config_passes_nginx_t(tmp_path: Path, config: str):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    _self_signed(tmp_path)
    # The container resolves `app` and `nuxt-edge` and keeps certificates in /etc/nginx/certs.
    site = (
        (DEPLOY / config)
        .read_text()
        .replace("server app:8000", "server 127.0.0.1:8000")
        .replace("server nuxt-edge:3000", "server 127.0.0.1:3000")
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


@pytest.mark.parametrize(
    ("env", "frozen"),
    [({}, True), ({"GUNICORN_GC_FREEZE": "false"}, False), ({"GUNICORN_PRELOAD": "false"}, False)],
)
def test_gunicorn_freezes_the_preloaded_master_objects_before_each_fork(monkeypatch, env, frozen):
    """Workers share the preloaded master's pages until written; frozen objects
    are skipped by the workers' garbage collections, which would write into them."""
    import gc
    import runpy

    for name in ("GUNICORN_GC_FREEZE", "GUNICORN_PRELOAD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    gc.unfreeze()  # every object back in the collector's generations
    try:
        config["pre_fork"](server=None, worker=None)
        assert (gc.get_freeze_count() > 0) is frozen
    finally:
        gc.unfreeze()
