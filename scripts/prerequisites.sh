#!/bin/sh
# The first step of `npm test` (and of .ci/run): what the tests need beyond `npm ci`.
# - Debian's Chromium at /usr/bin/chromium (or CHROMIUM_PATH): the reader's browser tests drive it
#   (a browser download cannot work here).
# - redis-server on the PATH (or REDIS_SERVER): the Redis tests start their own, never the system service.
# Whichever is missing is installed with apt-get: as root, or through sudo when it needs no password.
# Where that cannot be done, or fails, the script stops with one line naming the command that will.
set -u

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
redis=${REDIS_SERVER:-redis-server}

# A path given by hand is not something apt-get can fix.
if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM_PATH" ]; then
  echo "npm test: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file: unset it to use Debian's chromium, or point it to a Chromium" >&2
  exit 1
fi
if [ -n "${REDIS_SERVER:-}" ] && ! command -v "$REDIS_SERVER" >/dev/null 2>&1; then
  echo "npm test: REDIS_SERVER=$REDIS_SERVER is not an executable file: unset it to use redis-server from the PATH, or point it to one" >&2
  exit 1
fi

# The packages missing, separated by spaces (Debian's package names are the commands' names).
missing() {
  list=""
  [ -x "$chromium" ] || list="chromium"
  command -v "$redis" >/dev/null 2>&1 || list="${list:+$list }redis-server"
  printf '%s' "$list"
}

# One line on stderr naming the command that installs the packages in $1, then stop.
stop() {
  case "$1" in
    *" "*) names="${1%% *} and ${1#* }" ;;
    *) names=$1 ;;
  esac
  echo "npm test needs $names: run sudo apt-get install -y $1" >&2
  exit 1
}

need=$(missing)
[ -z "$need" ] && exit 0

# Install only where apt-get runs, without asking for a password.
sudo_cmd=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then sudo_cmd="sudo -n"; else stop "$need"; fi
fi
command -v apt-get >/dev/null 2>&1 && apt-get --version >/dev/null 2>&1 || stop "$need"

echo "npm test needs $need: installing with apt-get" >&2
# $sudo_cmd and $need are split into words on purpose; apt-get's own errors, if any, show on stderr.
# shellcheck disable=SC2086
$sudo_cmd apt-get update -qq >/dev/null || stop "$need"
# shellcheck disable=SC2086
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null || stop "$need"

still=$(missing)
[ -z "$still" ] || stop "$still"
