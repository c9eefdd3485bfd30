#!/usr/bin/env bash
# The image's base, assembled here because no registry is reachable from this build: glibc, libgcc and libstdc++ from
# Debian's packages (what the distroless base images are built from), and a Java runtime that jlink makes from the JDK
# running the build. Where a registry is reachable, -Djib.from.image=eclipse-temurin:17-jre skips all of this.
# Usage: base.sh <output directory> <JDK home>
set -euo pipefail
out=$1
jdk=$2
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "base.sh: the image's base comes from Debian packages and needs $tool (Debian or Ubuntu); elsewhere build with -Djib.from.image=eclipse-temurin:17-jre" >&2; exit 1; }
done
rm -rf "$out"
mkdir -p "$out/root" "$out/debs"
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
if ! (cd "$out/debs" && apt-get download -q "${packages[@]}" >/dev/null 2>&1); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  (cd "$out/debs" && apt-get download -q "${packages[@]}" >/dev/null 2>&1)
fi
for deb in "$out"/debs/*.deb; do
  dpkg-deb -x "$deb" "$out/root"
done
rm -rf "$out/root/usr/share" "$out/root/etc" "$out/root/usr/lib/x86_64-linux-gnu/gconv" "$out/root/usr/libexec" "$out/root/sbin" "$out/root/usr/bin" "$out/root/usr/sbin"
# Jib copies files, not links: each link becomes a copy of what it points to inside the root, never a file of this machine.
find "$out/root" -type l | while read -r link; do
  target=$(readlink "$link")
  case "$target" in
    /*) resolved="$out/root$target" ;;
    *) resolved="$(dirname "$link")/$target" ;;
  esac
  cp --remove-destination -L "$resolved" "$link"
done
"$jdk/bin/jlink" --add-modules java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.localedata \
  --include-locales=en --strip-debug --no-header-files --no-man-pages --output "$out/root/opt/java"
mkdir -p "$out/root/tmp" "$out/root/var/lib/ticolops" "$out/root/etc" "$out/root/home/nonroot"
# The user the image runs as, named (the JVM reads its home from here), and names resolved from /etc/hosts, then DNS.
echo 'root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$out/root/etc/passwd"
echo 'root:x:0:
nonroot:x:65532:' > "$out/root/etc/group"
echo 'hosts: files dns' > "$out/root/etc/nsswitch.conf"
rm -rf "$out/debs"
