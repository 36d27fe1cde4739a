@ECHO OFF
@SETLOCAL DisableDelayedExpansion
@FOR /F "tokens=2 delims=:." %%A IN ('chcp') DO @FOR %%B IN (%%A) DO @SET "_ENVX_OLD_CHCP=%%B"
@CHCP 65001 > NUL
@CALL "@PREFIX@/etc/conda/activate.d/10-gdal.bat"
@CALL "@PREFIX@/etc/conda/activate.d/20-vs2019.bat"
@"@PREFIX@/python.exe" "-c" "print('50%% done') if 1 else 0" "a&b" "say \"hi\" & bye" "C:\dir with space\\" "^caret (paren) !bang"
@SET "_ENVX_STATUS=%ERRORLEVEL%"
@IF DEFINED _ENVX_OLD_CHCP @CHCP %_ENVX_OLD_CHCP% > NUL
@EXIT /B %_ENVX_STATUS%
