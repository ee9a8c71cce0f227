import os, sys
from pipeline.convert import convert

def probe_convert(data, source_path, ocr="auto"):
    status = dict(l.split(":", 1) for l in open("/proc/self/status"))
    env = {k: v for k, v in os.environ.items() if "THREAD" in k or "MALLOC" in k}
    import resource
    with open("/tmp/ofdscan_mem/probe.txt", "a") as fh:
        fh.write(f"{source_path} start VmSize={status['VmSize'].strip()} Threads={status['Threads'].strip()} rlimit={resource.getrlimit(resource.RLIMIT_AS)} env={env} mods={len(sys.modules)} main={getattr(sys.modules.get('__mp_main__'), '__file__', None)} pandas={'pandas' in sys.modules} pyarrow={'pyarrow' in sys.modules} numpy={'numpy' in sys.modules}\n")
    try:
        return convert(data, source_path, ocr)
    finally:
        status = dict(l.split(":", 1) for l in open("/proc/self/status"))
        with open("/tmp/ofdscan_mem/probe.txt", "a") as fh:
            fh.write(f"{source_path} end VmSize={status['VmSize'].strip()} VmPeak={status['VmPeak'].strip()} Threads={status['Threads'].strip()}\n")
