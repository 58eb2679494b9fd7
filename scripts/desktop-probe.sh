#!/usr/bin/env bash
# Start-up time and idle memory of the desktop app, as the issue's budgets define them:
# 1,000 cases, release build, under Xvfb. Prints the paint time and, after IDLE seconds,
# RSS, PSS and USS of the app and each WebKit child process. PSS is the sum that means something
# for a group of processes: a page shared by n processes counts 1/n in each. USS is what each
# process holds alone. Run it with nothing else WebKit-based running: shared pages shift PSS.
#   scripts/desktop-probe.sh [IDLE_SECONDS=20] [RUNS=1]
#   scripts/desktop-probe.sh --floor [IDLE_SECONDS]   the same numbers for an empty WebKitGTK
#       window (Python GObject bindings, apt: python3-gi gir1.2-webkit2-4.1): the platform's floor.
set -euo pipefail
cd "$(dirname "$0")/.."
floor=0
[ "${1:-}" = --floor ] && { floor=1; shift; }
idle=${1:-20}
runs=${2:-1}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# The app gets a fresh HOME; cargo and rustup keep finding the toolchain through these.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HEJIE_DB="$work/hejie.db" HOME="$work" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export HEJIE_USER=${HEJIE_USER:-李娜}
# The shell sets this for itself on Linux; the empty window gets the same.
export WEBKIT_DISABLE_COMPOSITING_MODE=1

if [ "$floor" = 1 ]; then
  cat >"$work/empty.py" <<'PY'
import sys, gi
gi.require_version('Gtk', '3.0'); gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2, GLib
w = Gtk.Window(); w.set_default_size(1280, 800)
v = WebKit2.WebView(); w.add(v)
v.load_html("<html><body>工作台</body></html>", "file:///")
v.connect("load-changed", lambda v, e: e == WebKit2.LoadEvent.FINISHED and print("painted", file=sys.stderr, flush=True))
w.show_all()
GLib.timeout_add_seconds(int(sys.argv[1]), Gtk.main_quit)
Gtk.main()
PY
  start() { /usr/bin/python3 "$work/empty.py" $((idle + 5)) 2>"$work/log" & }
else
  bin=target/release/hejie-desktop
  cli=target/release/hejie
  [ -x "$bin" ] && [ -x "$cli" ] || cargo build --release --locked -p hejie -p hejie-desktop
  "$cli" demo >/dev/null
  "$cli" synth --cases 970 >/dev/null
  start() { HEJIE_EXIT_AFTER_PAINT=$((idle + 5)) "$bin" 2>"$work/log" & }
fi

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :93 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:93
  sleep 1
fi
kb() { awk -v k="$1" '$1==k":"{print $2}' "/proc/$2/smaps_rollup" 2>/dev/null || echo 0; }
for _ in $(seq "$runs"); do
  start
  app=$!
  for _ in $(seq 100); do grep -q painted "$work/log" && break; sleep 0.1; done
  grep painted "$work/log" || { cat "$work/log"; exit 1; }
  sleep "$idle"
  total_rss=0; total_pss=0; total_uss=0
  printf '%-24s %8s %8s %8s %8s %8s\n' process RSS_KB PSS_KB USS_KB anon_KB file_KB
  for pid in $app $(pgrep -P "$app" || true); do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    name=$(tr -d '\0' </proc/$pid/comm 2>/dev/null) || continue
    rss=$(kb Rss $pid); pss=$(kb Pss $pid); anon=$(kb Pss_Anon $pid); file=$(kb Pss_File $pid)
    uss=$(( $(kb Private_Clean $pid) + $(kb Private_Dirty $pid) ))
    printf '%-24s %8s %8s %8s %8s %8s\n' "$name" "$rss" "$pss" "$uss" "$anon" "$file"
    total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss)); total_uss=$((total_uss + uss))
  done
  printf '%-24s %8s %8s %8s   (%d MB PSS)\n' total "$total_rss" "$total_pss" "$total_uss" $((total_pss / 1024))
  wait "$app" || true
done
