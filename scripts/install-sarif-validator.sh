#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# install-sarif-validator.sh - install Microsoft's SARIF validator (npm
# package @microsoft/sarif-multitool 5.7.0) into .cache/sarif-multitool of
# the repository, where SarifValidationIT finds it.  Needs node and npm.
# Does nothing when that version is already there.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR="$ROOT/.cache/sarif-multitool"
VERSION=5.7.0
if [[ -x "$DIR/node_modules/.bin/sarif-multitool" ]] &&
	grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/@microsoft/sarif-multitool/package.json" 2>/dev/null; then
	exit 0
fi
mkdir -p "$DIR"
npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$VERSION"
"$DIR/node_modules/.bin/sarif-multitool" --version >/dev/null 2>&1
echo "installed @microsoft/sarif-multitool@$VERSION in .cache/sarif-multitool"
