@echo off
rem Starts the Nightshift laptop from this folder (Windows): nightshift-laptop.jar with laptop.properties.
rem At login: install-autostart.ps1 registers nightshift-laptop-task.xml with the Task Scheduler.
rem Needs Java 21+ (JAVA_HOME or java on the PATH). NIGHTSHIFT_LAPTOP_HEAP sets the heap (default 2g).
setlocal
cd /d "%~dp0"
set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined NIGHTSHIFT_LAPTOP_HEAP set "NIGHTSHIFT_LAPTOP_HEAP=2g"
rem PyTorch's native library ships inside the jar (built with -Dwindows): DJL must never try to download one.
set "DJL_OFFLINE=true"
"%JAVA%" -Xmx%NIGHTSHIFT_LAPTOP_HEAP% -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED ^
  -jar nightshift-laptop.jar --spring.config.additional-location=file:./laptop.properties %*
