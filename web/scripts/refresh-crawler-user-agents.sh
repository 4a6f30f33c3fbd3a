#!/usr/bin/env bash
# Refreshes the list of automated user agents the filter skips (snowplow.track.bots=skip) from
# monperrus/crawler-user-agents (MIT), as published on npm. Needs npm and node.
#   web/scripts/refresh-crawler-user-agents.sh            # the latest release
#   web/scripts/refresh-crawler-user-agents.sh 1.60.0     # a given release
# Then run AutomatedTrafficTest (every pattern must compile in Java) and commit the three files.
set -euo pipefail
version="${1:-$(npm view crawler-user-agents version)}"
here="$(cd "$(dirname "$0")" && pwd)"
target="$here/../src/main/resources/io/github/snowplowjakarta/web/internal"
tests="$here/../src/test/resources/io/github/snowplowjakarta/web/internal"
mkdir -p "$tests"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "crawler-user-agents@$version" >/dev/null && tar xzf ./*.tgz)
{
  echo "# crawler-user-agents $version, https://github.com/monperrus/crawler-user-agents"
  echo "# MIT licence: crawler-user-agents.LICENSE beside this file."
  echo "# One pattern a line, as published; refreshed by web/scripts/refresh-crawler-user-agents.sh"
  node -e 'for (const e of require(process.argv[1])) console.log(e.pattern)' \
    "$work/package/crawler-user-agents.json"
} >"$target/crawler-user-agents.txt"
cp "$work/package/LICENSE" "$target/crawler-user-agents.LICENSE"
# The list's own examples, for the test that every one of them is recognised.
node -e 'for (const e of require(process.argv[1])) for (const i of e.instances || []) console.log(i)' \
  "$work/package/crawler-user-agents.json" >"$tests/crawler-user-agents-instances.txt"
echo "crawler-user-agents $version: $(grep -vc '^#' "$target/crawler-user-agents.txt") patterns"
