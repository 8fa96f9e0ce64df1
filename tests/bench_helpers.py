"""What the frugal bench tests share: the fixture suites, a fixed machine, the CLI with the fake meter
(the ``fixed_machine`` fixture is in conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from recommender.cli import cli
from recommender.measure.runner import Machine

SUITES = Path(__file__).parent / "fixtures" / "suites"
SPIN = str(SUITES / "spin.toml")
MACHINE = Machine(host="testhost", cpu="Test CPU 9000", cores=8, battery=False)
TODAY = date.today().isoformat()


def invoke(*args, env=None):
    """Run ``frugal ARGS`` with the fake meter (``FRUGAL_METER=fake``) unless ``env`` says otherwise."""
    return CliRunner().invoke(cli, list(args), env={"FRUGAL_METER": "fake", **(env or {})})


# -- a real one-node SLURM for tests/test_slurm.py

SLURM_DAEMONS = ("munged", "slurmctld", "slurmd")


def slurm_missing() -> str | None:
    """Why a one-node SLURM cannot be started here (None when it can)."""
    import os
    import shutil

    missing = [d for d in (*SLURM_DAEMONS, "sbatch", "squeue", "scancel", "sinfo") if not shutil.which(d)
               and not Path("/usr/sbin", d).exists()]
    if missing:
        return f"SLURM is not installed (no {', '.join(missing)}; apt-get install slurm-wlm munge)"
    if os.geteuid() != 0:
        return "the one-node SLURM of the tests runs as root"
    if not Path("/etc/munge/munge.key").exists():
        return "munge has no key (/etc/munge/munge.key)"
    return None


class OneNodeSlurm:
    """munged, slurmctld and slurmd in the foreground, as child processes, with a slurm.conf for this
    host in ``folder`` (free ports, proctrack/linuxproc, task/none); ``stop`` ends exactly those three."""

    def __init__(self, folder: Path):
        import os
        import socket

        self.folder = folder
        self.host = socket.gethostname().split(".")[0]
        self.conf = folder / "slurm.conf"
        self.socket = folder / "munge.socket"
        self.processes = []
        ports = []
        for _ in range(2):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                ports.append(s.getsockname()[1])
        for sub in ("state", "spool"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        self.conf.write_text(f"""\
ClusterName=frugaltest
SlurmctldHost={self.host}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={self.socket}
CredType=cred/munge
StateSaveLocation={folder}/state
SlurmdSpoolDir={folder}/spool
SlurmctldPidFile={folder}/slurmctld.pid
SlurmdPidFile={folder}/slurmd.pid
SlurmctldPort={ports[0]}
SlurmdPort={ports[1]}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SchedulerParameters=sched_interval=1
KillWait=2
MinJobAge=600
SlurmctldLogFile={folder}/slurmctld.log
SlurmdLogFile={folder}/slurmd.log
NodeName={self.host} CPUs={os.cpu_count() or 1} RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes={self.host} Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
""")
        self.env = {"SLURM_CONF": str(self.conf)}

    def start(self) -> None:
        import os
        import subprocess
        import time

        env = {**os.environ, **self.env}
        commands = (["munged", "--foreground", "--force", f"--socket={self.socket}",
                     f"--pid-file={self.folder}/munged.pid", f"--log-file={self.folder}/munged.log",
                     f"--seed-file={self.folder}/munge.seed"],
                    ["slurmctld", "-D", "-c", "-i"], ["slurmd", "-D"])
        for command in commands:
            log = open(self.folder / f"{command[0]}.out", "wb")
            self.processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT))
            if command[0] == "munged":
                deadline = time.monotonic() + 10
                while not self.socket.exists() and time.monotonic() < deadline:
                    time.sleep(0.05)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            state = subprocess.run(["sinfo", "--noheader", "--format", "%T"], env=env, capture_output=True,
                                   text=True).stdout.strip()
            if state == "idle":
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the test SLURM did not come up (sinfo: {state!r}); see {self.folder}")

    def stop(self) -> None:
        """Cancel what is left on the test cluster, then end the three daemons started, by their PIDs."""
        import os
        import subprocess

        subprocess.run(["scancel", "--full", "--partition", "debug"], env={**os.environ, **self.env},
                       capture_output=True)
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes = []
