# Sourced by ./scripts/start, ./scripts/test, ./scripts/bench and .ci/run: puts the pinned Node LTS
# first on PATH, so npm ci, tsc, jest and the api/worker children all run on it.
#
# The pin is .nvmrc (exact version); package.json "engines" is the range a machine's own Node
# must satisfy to be used as it is. Otherwise the official binary for this platform is fetched
# from the npm registry (the node-linux-<arch> package, with `npm pack`, checked against
# scripts/lib/node-runtime.sha512) into .seaward/node/ and reused on later runs.
# Expects the repository root as the working directory.

seaward_node_pin=$(tr -d ' v\r\n' < .nvmrc)
# "^24.11.0" in engines: the major and the floor (24.11.0 is the first LTS release of 24).
seaward_node_floor=$(sed -n 's/.*"node": *"^\([0-9.]*\)".*/\1/p' package.json)

seaward_node_satisfies() {
  local version=${1#v}
  [[ -n "$version" && "${version%%.*}" == "${seaward_node_floor%%.*}" ]] || return 1
  [[ "$(printf '%s\n%s\n' "$seaward_node_floor" "$version" | sort -V | head -n1)" == "$seaward_node_floor" ]]
}

seaward_fetch_node() {
  local os arch
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch=unknown ;;
  esac
  local package="node-$os-$arch" dir=".seaward/node/v$seaward_node_pin-$os-$arch"
  if [[ -x "$dir/bin/node" ]]; then
    PATH="$PWD/$dir/bin:$PATH"
    return 0
  fi
  local file="$package-$seaward_node_pin.tgz"
  if ! grep -q " $file\$" scripts/lib/node-runtime.sha512; then
    echo "No pinned Node $seaward_node_pin for $os-$arch in the npm registry; install Node $seaward_node_pin yourself (nvm install reads .nvmrc)." >&2
    return 1
  fi
  if ! command -v npm >/dev/null; then
    echo "Fetching Node $seaward_node_pin needs npm (any version); or install Node $seaward_node_pin yourself (nvm install reads .nvmrc)." >&2
    return 1
  fi
  echo "Node $(node --version 2>/dev/null || echo '(none)') does not satisfy ${seaward_node_floor%%.*}.x ≥ $seaward_node_floor; fetching Node $seaward_node_pin ($package) from the npm registry into $dir…" >&2
  mkdir -p .seaward/node
  local tmp
  tmp=$(mktemp -d .seaward/node/.fetch.XXXXXX)
  if ! (cd "$tmp" && npm pack "$package@$seaward_node_pin" --silent --loglevel=error >/dev/null &&
        grep " $file\$" "$OLDPWD/scripts/lib/node-runtime.sha512" | sha512sum --check --quiet --strict -); then
    rm -rf "$tmp"
    echo "Fetching or checking $file failed." >&2
    return 1
  fi
  mkdir "$tmp/unpacked"
  tar -xzf "$tmp/$file" -C "$tmp/unpacked" --strip-components=1 package/bin package/LICENSE
  # Another process may have finished first: the rename fails then, and its copy is used.
  mv -T "$tmp/unpacked" "$dir" 2>/dev/null || true
  rm -rf "$tmp"
  PATH="$PWD/$dir/bin:$PATH"
}

if ! seaward_node_satisfies "$(node --version 2>/dev/null)"; then
  seaward_fetch_node || exit 1
fi
export PATH
hash -r
