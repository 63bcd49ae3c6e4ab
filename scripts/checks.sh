#!/bin/sh
# The static checks of `npm test`, side by side: the type check, the linter and the formatter read the same files and
# each leaves a core idle on its own (the linter alone is half the time). Each one's output is printed whole, in
# this order, after all have ended; the first failure's status is the script's.
set -u
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm run --silent typecheck >"$out/typecheck" 2>&1 &
typecheck=$!
npx eslint . >"$out/eslint" 2>&1 &
eslint=$!
npx prettier --check . >"$out/prettier" 2>&1 &
prettier=$!
status=0
for check in typecheck eslint prettier; do
  eval "pid=\$$check"
  if wait "$pid"; then
    echo "npm test: $check passed"
  else
    code=$?
    [ "$status" -ne 0 ] || status=$code
    cat "$out/$check"
    case $check in
      typecheck) alone='npm run typecheck' ;;
      eslint) alone='npx eslint .' ;;
      *) alone='npx prettier --check .' ;;
    esac
    echo "npm test: $check failed (exit $code); \`$alone\` runs it alone" >&2
  fi
done
exit "$status"
