# Sourced by ./mvnw, deploy/local/*.sh and .ci/run (POSIX sh).
# The build targets Java 21 and Keycloak needs 21+, while many machines default to an older `java`.
# Keeps JAVA_HOME when it already points at a JDK >= 21; otherwise takes the newest JDK >= 21 found
# under the usual install roots. Exits with a clear message when there is none.

supportflow_java_major() {
  # Prints the feature release of the JDK at $1 (e.g. 17, 21, 25), or nothing.
  [ -x "$1/bin/java" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

supportflow_select_jdk() {
  _sf_min=21
  if [ -n "${JAVA_HOME-}" ]; then
    _sf_major=$(supportflow_java_major "$JAVA_HOME")
    [ -n "$_sf_major" ] && [ "$_sf_major" -ge "$_sf_min" ] && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    _sf_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
    _sf_major=$(supportflow_java_major "$_sf_home")
    if [ -n "$_sf_major" ] && [ "$_sf_major" -ge "$_sf_min" ]; then
      JAVA_HOME=$_sf_home; export JAVA_HOME; return 0
    fi
  fi
  _sf_best=; _sf_best_major=0
  for _sf_root in /usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines "${HOME-}/.sdkman/candidates/java"; do
    [ -d "$_sf_root" ] || continue
    for _sf_dir in $(ls -1 "$_sf_root" 2>/dev/null); do
      for _sf_candidate in "$_sf_root/$_sf_dir" "$_sf_root/$_sf_dir/Contents/Home"; do
        _sf_major=$(supportflow_java_major "$_sf_candidate")
        if [ -n "$_sf_major" ] && [ "$_sf_major" -gt "$_sf_best_major" ]; then
          _sf_best=$_sf_candidate; _sf_best_major=$_sf_major
        fi
      done
    done
  done
  if [ "$_sf_best_major" -ge "$_sf_min" ]; then
    JAVA_HOME=$_sf_best; export JAVA_HOME; return 0
  fi
  echo "error: SupportFlow needs a JDK $_sf_min or newer; set JAVA_HOME to one (found none under /usr/lib/jvm and the usual places)." >&2
  exit 1
}

supportflow_select_jdk
