#!/usr/bin/env bash
# Native AOT prerequisites for the packaging tests (they publish samples/JobManager with PublishAot):
# ILC links the native binary with clang, or gcc when clang is not on PATH (binutils' ld), and needs
# the C runtime and zlib headers and libraries. The Debian images here ship gcc, binutils and
# zlib1g-dev already; this only installs what is missing. The ILCompiler packages come from NuGet.
set -euo pipefail

missing=()
command -v clang > /dev/null || command -v gcc > /dev/null || missing+=(gcc)
command -v ld > /dev/null || missing+=(binutils)
command -v objcopy > /dev/null || command -v llvm-objcopy > /dev/null || missing+=(binutils)
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)

if [ ${#missing[@]} -eq 0 ]; then
    echo "Native AOT prerequisites present (linker: $(command -v clang || command -v gcc))"
    exit 0
fi

echo "Installing Native AOT prerequisites: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends gcc libc6-dev binutils zlib1g-dev
