"""JupyterHub for a class using tsdl, on one server (Debian's `jupyterhub` package, 3.x).

Students are real Unix users: PAM checks their passwords, and each gets a single-user server
started as them (LocalProcessSpawner) in their home directory. Before that server starts, the
wrapper below runs `tsdl init` as the student there, so the lecture notebooks and the released
homework appear in ~/lecture and ~/homework owned by the student, and an edited copy is never
overwritten. Idle kernels and idle servers are shut down, and each process a student starts has a
capped data segment (see TSDL_MEMORY_LIMIT).

Run it as root (PAM and switching users need it) from the hub's state folder:

    cd /var/lib/jupyterhub && jupyterhub -f /opt/tsdl/deploy/jupyterhub/jupyterhub_config.py

Settings come from the environment, with defaults for a production server:
  TSDL_COURSE_DIR           /srv/tsdl: release/ (tsdl assign's output, copied into homes),
                            submissions/ (the drop folder tsdl submit writes to; created here),
                            data/ (read-only datasets for everybody, e.g. data/wisdm/WISDM_ar_v1.1_raw.txt)
  TSDL_INSTRUCTORS_GROUP    group that may read submissions (default: the hub's own group, root)
  TSDL_STUDENTS_GROUP       if set, only members of this Unix group may log in
  TSDL_KERNEL_IDLE_SECONDS  idle kernels are shut down after this long, open browser tab or not (3600)
  TSDL_SERVER_IDLE_SECONDS  a server with no kernel, terminal or request this long stops itself (7200)
  TSDL_MEMORY_LIMIT         RLIMIT_DATA of every process of a student (prlimit --data), e.g. 4G (4G)
  TSDL_COMMAND              the tsdl command (default: `tsdl` on PATH, else /usr/local/bin/tsdl)
  CONFIGPROXY_COMMAND       npm's configurable-http-proxy (default /usr/local/bin/configurable-http-proxy;
                            Debian's own package does not start under Node 20)
"""
import grp
import os
import shutil

c = get_config()  # noqa: F821 (JupyterHub provides it)


def setting(name, default):
    return os.environ.get(name) or default


COURSE = setting("TSDL_COURSE_DIR", "/srv/tsdl")
DROP = os.path.join(COURSE, "submissions")
RELEASE = os.path.join(COURSE, "release")
SHARED_DATA = os.path.join(COURSE, "data")
TSDL = setting("TSDL_COMMAND", shutil.which("tsdl") or "/usr/local/bin/tsdl")
KERNEL_IDLE = int(setting("TSDL_KERNEL_IDLE_SECONDS", "3600"))
SERVER_IDLE = int(setting("TSDL_SERVER_IDLE_SECONDS", "7200"))
MEMORY_LIMIT = setting("TSDL_MEMORY_LIMIT", "4G")


def size_in_bytes(text):
    """4G -> 4294967296 (prlimit itself reads plain bytes; it misreads "4G")."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    text = text.strip().upper().rstrip("B")
    return int(text[:-1]) * units[text[-1]] if text[-1:] in units else int(text)



def make_drop_folder(path, group):
    """Instructor-owned; students create files in it but cannot list or read it (nbgrader's inbound).

    3773: setgid (submissions belong to `group`), sticky (nobody removes another's file),
    group rwx, others -wx.
    """
    os.makedirs(path, exist_ok=True)
    os.chown(path, 0, grp.getgrnam(group).gr_gid if group else os.getgid())
    os.chmod(path, 0o3773)


make_drop_folder(DROP, os.environ.get("TSDL_INSTRUCTORS_GROUP"))
os.makedirs(RELEASE, mode=0o755, exist_ok=True)
os.makedirs(SHARED_DATA, mode=0o755, exist_ok=True)

# Real Unix users, passwords checked by PAM.
c.JupyterHub.authenticator_class = "pam"
if os.environ.get("TSDL_STUDENTS_GROUP"):
    c.PAMAuthenticator.allowed_groups = {os.environ["TSDL_STUDENTS_GROUP"]}

c.JupyterHub.spawner_class = "localprocess"  # jupyterhub.spawner.LocalProcessSpawner: one process per student, as the student
c.ConfigurableHTTPProxy.command = [setting("CONFIGPROXY_COMMAND", "/usr/local/bin/configurable-http-proxy")]

# The single-user server: classic Notebook (Debian has no JupyterLab); its kernels API and
# websocket are what every Jupyter frontend uses.
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    "TSDL_DROP_DIR": DROP,
    "TSDL_HOMEWORK_DIR": RELEASE,
    "TSDL_DATA_PATH": SHARED_DATA,
}
c.Spawner.default_url = "/tree"
c.Spawner.http_timeout = 120  # many students starting at once on few cores

# Runs as the student, in the folder the server starts in: `tsdl init` there (a failure is logged,
# the server starts anyway), then the server with a capped data segment. RLIMIT_DATA, not
# RLIMIT_AS: tfjs's WebAssembly reserves far more address space than it uses, so --as breaks it.
# The limit holds per process (the server, each kernel), not per student.
START_AS_STUDENT = """
tsdl="$1"; limit="$2"; shift 2
"$tsdl" init "${JUPYTERHUB_ROOT_DIR:-$PWD}" >/dev/null || echo "tsdl init failed for $USER; starting the server anyway" >&2
exec prlimit --data="$limit" -- "$@"
"""
c.Spawner.cmd = ["/bin/sh", "-c", START_AS_STUDENT, "tsdl-singleuser", TSDL, str(size_in_bytes(MEMORY_LIMIT)), "jupyterhub-singleuser"]

# Culling: idle kernels even with a browser tab open (cull_connected), never a busy one (a long
# training run is not idle); then the whole server once nothing runs.
c.Spawner.args = [
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
    f"--MappingKernelManager.cull_interval={max(1, min(300, KERNEL_IDLE // 4))}",
    "--MappingKernelManager.cull_connected=True",
    "--MappingKernelManager.cull_busy=False",
    f"--NotebookApp.shutdown_no_activity_timeout={SERVER_IDLE}",
]
