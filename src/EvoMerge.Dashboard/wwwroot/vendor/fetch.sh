#!/usr/bin/env bash
# Refreshes the vendored Apache ECharts bundle (run by hand, never at build time: the build needs only
# the .NET SDK). Apache-2.0; LICENSE and NOTICE beside this script come from the same package.
set -euo pipefail
VERSION=6.1.0
cd "$(dirname "${BASH_SOURCE[0]}")"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "echarts@$VERSION" --silent >/dev/null && tar xzf "echarts-$VERSION.tgz")
cp "$work/package/dist/echarts.min.js" echarts.min.js
cp "$work/package/LICENSE" LICENSE
cp "$work/package/NOTICE" NOTICE
echo "echarts $VERSION: $(sha256sum echarts.min.js | cut -d' ' -f1)" > VERSION
