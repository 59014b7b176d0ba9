"""How quick `handouts serve` feels: python bench/serve.py [--changes 20] [--previews 100]

Run by hand, never as a timed test. Prints, for a 6-exercise programme (the
standard starter sheet):
- start-up: from starting the process to the first line (the address);
- page load: from opening the address to a page ready to use (in Chromium, if
  Playwright and Debian's chromium are here; else the page's requests over HTTP);
- dose change -> new preview: median and 95th percentile over N changes, measured
  twice: at the server (the check with its render, then every page image at the
  width the page asks for, fetched in parallel as the browser does; with the
  server's CPU time a preview and the load average, since other work on the
  machine moves the clock) and in the browser (typing a new dose to every
  page image shown, including the page's 60 ms pause for more typing after a dose);
- the first preview of the programme, 2 s after the page's catalogue loaded (a
  clinician takes longer to choose a sheet), while the server's background warm-up
  (serve/warm.py) may still be running: not a dose change, so apart;
- the server's memory (resident set) after 100 previews of different doses;
- the load average before and after the run: helpers and CI share the machine.
The settings and cache folders point into a temporary folder (so the figure cache
starts empty, as on a first run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from serving import serve  # noqa: E402

SHEET = "si-joint-starter"
EXERCISES = ["knee-to-chest", "lower-trunk-rotation", "adductor-squeeze", "figure-four-stretch", "spinal-twist",
             "glute-bridge"]


WIDTH = 608  # pixels: what the page asks for at 1280 px wide and a density of 1 (38rem, as app.css)


def asked(reps: int) -> dict:
    return {"sheet": SHEET, "exercises": EXERCISES, "doses": {"glute-bridge": {"reps": str(reps)}},
            "patient": "Bench Patient", "date": "2026-11-23"}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def preview(served, reps: int, pool) -> float:
    start = time.perf_counter()
    status, _, body = served.post("/api/check", {"request": asked(reps), "render": True})
    answer = json.loads(body)
    assert status == 200 and answer.get("key"), answer
    pages = [f"/api/page/{answer['key']}/{n}.jpg?width={WIDTH}" for n in range(1, answer["pages"] + 1)]
    assert all(s == 200 for s, _, _ in pool.map(lambda path: served.request("GET", path), pages))
    return time.perf_counter() - start


def cpu_seconds(pid: int) -> float:
    """The server's CPU time so far (user and system): unlike the clock, hardly moved by other work on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_figures(served, changes: int):
    """(page load seconds, [dose change -> preview seconds]) in Chromium, or None without it."""
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        loads = []
        for _ in range(5):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(served.url, wait_until="commit")
            page.wait_for_selector("body[data-ready]")
            loads.append(time.perf_counter() - start)
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served.url)
        page.wait_for_selector("body[data-ready]")
        page.get_by_role("button", name="Start with Home exercises for SI joint pain").click()
        page.get_by_role("navigation", name="Steps").get_by_role("button", name="4. Check and print").click()
        while not page.evaluate("""() => { const imgs = [...document.querySelectorAll('#preview img')];
                return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); }"""):
            page.wait_for_timeout(50)  # the programme's first preview, before any change is timed
        times, outside = [], []  # outside: the same, timed from Python around the call (adds its round trip)
        for change in range(changes):
            # The dose field sits on step 3; the preview on step 4 is drawn from the same state. Type into it
            # (its own input handler runs, with the page's pause for more typing), then time, in the page, until
            # every page image shown is of the new preview and loaded, and the frame after that is drawn (old
            # pages stay shown until their new one comes). Timed in the page, not by asking it every few ms:
            # on 2 CPUs that asking took CPU from the server and the browser it was timing.
            before = page.locator("#preview img").first.get_attribute("src").split("/")[3]
            start = time.perf_counter()
            times.append(page.evaluate("""([n, before]) => new Promise((resolve, reject) => {
                const box = document.getElementById('preview');
                const field = document.querySelector('[data-dose="glute-bridge reps"]');
                const shown = () => { const imgs = [...box.querySelectorAll('img')];
                    const keys = new Set(imgs.map(i => i.getAttribute('src').split('/')[3]));
                    return imgs.length > 0 && keys.size === 1 && !keys.has(before)
                           && imgs.every(i => i.complete && i.naturalWidth > 0); };
                const look = () => { if (!shown()) return;
                    watch.disconnect(); box.removeEventListener('load', look, true); window.clearTimeout(late);
                    requestAnimationFrame(() => resolve((performance.now() - start) / 1000)); };
                const watch = new MutationObserver(look);
                const late = window.setTimeout(() => reject(new Error('no new preview in 10 s')), 10000);
                watch.observe(box, {childList: true, subtree: true, attributes: true});
                box.addEventListener('load', look, true);  // an image's load does not bubble: caught on the way down
                const start = performance.now();
                field.value = String(n);
                field.dispatchEvent(new Event('input'));
            })""", [20 + change, before]))
            outside.append(time.perf_counter() - start)
        browser.close()
        return loads, times, outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--previews", type=int, default=100)
    options = parser.parse_args()
    print(f"load average at the start: {load()}")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        starts = []
        for _ in range(5):
            start = time.perf_counter()
            served = serve(home)
            starts.append(time.perf_counter() - start)
            served.stop()
        print(f"start-up to the address line: median {statistics.median(starts) * 1000:.0f} ms "
              f"(min {min(starts) * 1000:.0f}, max {max(starts) * 1000:.0f}; goal under 500)")
        served = serve(home)
        try:
            served.request("GET", "/api/catalogue")  # the catalogue is loaded
            time.sleep(2)
            with ThreadPoolExecutor(8) as pool:
                print(f"first preview of the programme, 2 s after the catalogue loaded: "
                      f"{preview(served, 10, pool) * 1000:.0f} ms")
                cpu = cpu_seconds(served.process.pid)
                server_times = [preview(served, 11 + n, pool) for n in range(options.changes)]
                cpu = cpu_seconds(served.process.pid) - cpu
                print(f"dose change -> new preview, at the server ({options.changes} changes, all pages): "
                      f"median {statistics.median(server_times) * 1000:.0f} ms, "
                      f"p95 {percentile(server_times, 0.95) * 1000:.0f} ms (goal under 300); "
                      f"server CPU {cpu / options.changes * 1000:.0f} ms a preview; "
                      f"load average {load()}")
                figures = browser_figures(served, options.changes)
                if figures is None:
                    print("page load and in-browser preview: skipped (no Playwright or no chromium)")
                else:
                    loads, times, outside = figures
                    print(f"page load in Chromium (address opened to a page ready to use): median {statistics.median(loads) * 1000:.0f} ms "
                          f"(min {min(loads) * 1000:.0f}, max {max(loads) * 1000:.0f})")
                    print(f"dose change -> new preview, in Chromium ({options.changes} changes, incl. the page's "
                          f"60 ms pause for more typing after a dose): median {statistics.median(times) * 1000:.0f} ms, "
                          f"p95 {percentile(times, 0.95) * 1000:.0f} ms (timed from Python around it: median "
                          f"{statistics.median(outside) * 1000:.0f}, p95 {percentile(outside, 0.95) * 1000:.0f}); "
                          f"load average {load()}")
                for n in range(options.previews):
                    preview(served, 1 + n % 50, pool) if n % 2 else served.post(
                        "/api/check", {"request": dict(asked(1 + n % 50), date=f"2026-11-{1 + n % 28:02d}"),
                                       "render": True})
            print(f"server memory after {options.previews} more previews: {resident_mb(served.process.pid):.0f} MB "
                  "resident")
        finally:
            served.stop()
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
