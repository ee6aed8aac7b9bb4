#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds and runs the consumer project of docs/using.md against this checkout's jars: the files are
# the code blocks that follow a `<!-- consumer-test: PATH -->` line in the doc, so the doc and what
# is tested cannot drift apart. The jars the main build packaged (run `mvnw package` or `verify`
# first) are installed into a throw-away local repository, chained to the usual one for everything
# else (Maven >= 3.9: maven.repo.local.tail), so ~/.m2 is never written with netns artifacts.
# Then the consumer's `mvn verify` runs its test (Surefire with the doc's argLine) and
# `java -jar` runs its jar (the doc's manifest: Class-Path and Enable-Native-Access). As root.
# Fails if JDK 25 prints the native-access warning, i.e. if the doc's settings do not grant it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=$root/docs/using.md
mvnw=$root/mvnw
work=$(mktemp -d /tmp/netns-consumer-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
say() { echo "consumer-test: $*"; }
die() { echo "consumer-test: FAILED: $*" >&2; exit 1; }

version=$(sed -n '0,/<version>\(.*\)<\/version>/s//\1/p' "$root/pom.xml" | head -1 | tr -d ' ')
repo=$work/repo
tail_repo=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
mvn_args=(-B -ntp -Dstyle.color=never -Dmaven.repo.local="$repo" -Dmaven.repo.local.tail="$tail_repo")

# --- the doc's files ------------------------------------------------------------------------------
project=$work/uses-netns
mkdir -p "$project"
awk -v dir="$project" '
  /^<!-- consumer-test: .* -->$/ { path = $3; want = 1; next }
  want && /^```/ && !inside { inside = 1; file = dir "/" path; system("mkdir -p \"$(dirname \"" file "\")\""); printf "" > file; next }
  inside && /^```/ { inside = 0; want = 0; close(file); n++; next }
  inside { print >> file }
  END { if (n < 3) exit 1 }
' "$doc" || die "docs/using.md has fewer than 3 consumer-test blocks"
sed -i "s|<netns.version>[^<]*</netns.version>|<netns.version>$version</netns.version>|" "$project/pom.xml"
say "project from docs/using.md: $(cd "$project" && find . -type f | sort | tr '\n' ' ')"

# --- this checkout's artifacts in a throw-away repository ----------------------------------------
install() { # install POM [JAR]
  local args=(-DpomFile="$1" -Dfile="${2:-$1}")
  [ -n "${2:-}" ] || args+=(-Dpackaging=pom)
  "$mvnw" "${mvn_args[@]}" -q -N -f "$root/pom.xml" install:install-file "${args[@]}" \
    > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; die "installing $1"; }
}
install "$root/pom.xml"
install "$root/netns-bom/pom.xml"
for m in netns-core netns-netlink netns-junit5 netns-netty netns-testcontainers; do
  jar=$root/$m/target/$m-$version.jar
  [ -f "$jar" ] || die "$jar is missing: package the project first (./mvnw package -DskipTests)"
  install "$root/$m/pom.xml" "$jar"
done
say "installed netns $version into $repo"

# --- the consumer's build and run -----------------------------------------------------------------
(cd "$project" && "$mvnw" "${mvn_args[@]}" verify) > "$work/build.log" 2>&1 \
  || { tail -n 60 "$work/build.log" >&2; die "the consumer's mvn verify (log above)"; }
grep -E 'Tests run: [1-9]' "$work/build.log" | tail -1 | sed 's/^/consumer-test: /'
grep -q 'Tests run: 1, Failures: 0, Errors: 0, Skipped: 0' "$work/build.log" || die "the consumer's test did not run and pass"
java_home=$("$root/bin/find-jdk")
out=$("$java_home/bin/java" -jar "$project/target/uses-netns-1.0.jar" 2>&1) || { echo "$out" >&2; die "java -jar"; }
echo "$out" | sed 's/^/consumer-test: app: /'
echo "$out" | grep -q '^lo in a new namespace: ' || die "the application printed no link"
if echo "$out" | grep -qi 'restricted method\|native access'; then
  die "the JDK warned about native access: the manifest's Enable-Native-Access did not take"
fi
say "OK (test passed, jar ran on $(basename "$java_home"))"
