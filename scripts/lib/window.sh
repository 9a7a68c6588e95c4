# Sourced by the package checks (linux-package-check.sh, wine-check.sh).
#
# wait_for_window DISPLAY PNG TRIES: takes a screenshot of DISPLAY into PNG
# every 2 s, at most TRIES times, until it shows a window (more than 64
# colours: an empty Xvfb screen has one). Sets `colours` to the last count;
# returns 0 when a window drew, 1 otherwise.
wait_for_window() {
  local disp=$1 png=$2 tries=$3
  colours=0
  for _ in $(seq 1 "$tries"); do
    sleep 2
    import -display "$disp" -window root "$png" 2>/dev/null || continue
    colours=$(identify -format %k "$png")
    [ "$colours" -gt 64 ] && return 0
  done
  return 1
}
