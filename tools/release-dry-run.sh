#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks the release profile without a real key and without an upload:
#   1. copies the checkout's files (tracked, and untracked but not ignored) to a temporary directory and gives every POM the release
#      version (the -SNAPSHOT suffix dropped; Maven Central takes no snapshots in a bundle);
#   2. makes a throw-away GPG key in a temporary GNUPGHOME (no passphrase, deleted at the end);
#   3. runs `mvnw -Prelease deploy -DskipUpload=true` on a JDK >= 22 (the release build: current
#      jar plugin, reproducible jars, javadoc in module mode): every artifact is signed at verify,
#      and central-publishing-maven-plugin stages them and writes its bundle without uploading;
#   4. checks the bundle: for every library module a main, sources and javadoc jar and a POM, each
#      with a good signature and checksums; the parent and the BOM POM; nothing of the modules that
#      are not published; the metadata Maven Central requires in every POM.
# Usage: tools/release-dry-run.sh [extra Maven arguments]. Tests are skipped (-DskipTests): .ci/run
# runs them. Exits non-zero on the first missing piece.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
libraries=(netns-core netns-netlink netns-junit5 netns-netty netns-testcontainers)
unpublished=(netns-examples netns-benchmarks)

work=$(mktemp -d /tmp/netns-release-dry-run.XXXXXX)
cleanup() {
  gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The build's log outlives the temporary directory.
mkdir -p "$root/target"
log=$root/target/release-dry-run.log
say() { echo "release-dry-run: $*"; }
die() { echo "release-dry-run: FAILED: $*" >&2; exit 1; }

# --- 1. a copy with the release version -----------------------------------------------------------
src=$work/src
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src") || die "copying the checkout"
snapshot=$(sed -n '0,/<version>\(.*\)<\/version>/s//\1/p' "$src/pom.xml" | head -1 | tr -d ' ')
version=${snapshot%-SNAPSHOT}
find "$src" -name pom.xml -exec sed -i "s/$snapshot/$version/g" {} +
say "version $snapshot -> $version in a copy at $src"

# --- 2. a throw-away key ----------------------------------------------------------------------------
export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-generate-key 'netns release dry run <dry-run@netns.invalid>' \
  ed25519 sign 1d 2>/dev/null
fingerprint=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
say "throw-away key $fingerprint in $GNUPGHOME"

# --- 3. the release build -------------------------------------------------------------------------
java_home=$("$root/bin/find-jdk")
# The plugin looks up the server's credentials even when it uploads nothing: dummy ones.
cat > "$work/settings.xml" <<'XML'
<settings>
  <servers>
    <server><id>central</id><username>dry-run</username><password>dry-run</password></server>
  </servers>
</settings>
XML
say "Maven on $java_home"
(cd "$src" && JAVA_HOME=$java_home MAVEN_GPG_PASSPHRASE='' ./mvnw -B -ntp -Dstyle.color=never \
  -s "$work/settings.xml" -Prelease deploy -DskipTests -DskipUpload=true -Dgpg.keyname="$fingerprint" "$@") \
  > "$log" 2>&1 || { tail -n 60 "$log" >&2; die "the release build (log above, all of it in $log)"; }
grep -E 'Created bundle|Skipping the upload' "$log" | sed 's/^/  /' || true

# --- 4. the bundle --------------------------------------------------------------------------------
bundle=$(find "$src" -path '*/target/*' -name 'central-bundle.zip' -print -quit)
[ -n "$bundle" ] || die "no central-bundle.zip in a target/ directory (build log: $log)"
unpacked=$work/bundle
mkdir -p "$unpacked" && (cd "$unpacked" && unzip -q "$bundle")
base=$unpacked/io/netns
checked=0
check_file() { # check_file PATH: present, signed with the throw-away key, with md5 and sha1
  local f=$1
  [ -f "$f" ] || die "missing $(basename "$f")"
  [ -f "$f.asc" ] || die "no signature for $(basename "$f")"
  gpg --batch --quiet --verify "$f.asc" "$f" 2>/dev/null || die "bad signature on $(basename "$f")"
  for sum in md5 sha1; do
    [ -f "$f.$sum" ] || die "no .$sum for $(basename "$f")"
  done
  [ "$(cat "$f.sha1")" = "$(sha1sum "$f" | cut -d' ' -f1)" ] || die "wrong .sha1 for $(basename "$f")"
  checked=$((checked + 1))
}
check_pom() { # check_pom PATH [TAGS...]: the metadata Maven Central requires (modules inherit the rest)
  local pom=$1; shift
  local tags=("$@")
  [ ${#tags[@]} -gt 0 ] || tags=(name description url licenses developers scm)
  for tag in "${tags[@]}"; do
    grep -qE "<$tag[ >]" "$pom" || die "$(basename "$pom") has no <$tag>"
  done
}
for a in netns-parent netns-bom; do
  pom=$base/$a/$version/$a-$version.pom
  check_file "$pom"; check_pom "$pom"
done
for a in "${libraries[@]}"; do
  d=$base/$a/$version
  for f in "$a-$version.pom" "$a-$version.jar" "$a-$version-sources.jar" "$a-$version-javadoc.jar"; do
    check_file "$d/$f"
  done
  check_pom "$d/$a-$version.pom" name description   # url, licenses, developers, scm: from netns-parent
  grep -q '<artifactId>netns-parent</artifactId>' "$d/$a-$version.pom" || die "$a's POM has no netns-parent"
  # listings read whole first: `unzip | grep -q` would fail under pipefail when grep stops early
  listing=$(unzip -Z1 "$d/$a-$version-javadoc.jar")
  grep -qx 'index.html' <<<"$listing" || die "$a's javadoc jar has no index.html"
  listing=$(unzip -Z1 "$d/$a-$version-sources.jar")
  grep -q '\.java$' <<<"$listing" || die "$a's sources jar has no source"
done
for a in "${unpublished[@]}"; do
  [ ! -e "$base/$a" ] || die "$a is in the bundle, but it is not a published module"
done
unsigned=$(cd "$unpacked" && find . -type f ! -name '*.asc' ! -name '*.md5' ! -name '*.sha1' ! -name '*.sha256' \
  ! -name '*.sha512' ! -name 'maven-metadata*' | while read -r f; do [ -f "$f.asc" ] || echo "$f"; done)
[ -z "$unsigned" ] || die "unsigned files in the bundle: $unsigned"
say "bundle $(basename "$bundle"): $checked artifacts signed and checksummed, POM metadata complete"
say "modules in it: $(cd "$base" && ls | tr '\n' ' ')"
say "OK"
