/* A stand-in for Windows 10's bcryptprimitives.dll, for running iolabctl.exe under Wine 8, which
 * lacks it: the Rust standard library (windows-gnu) imports ProcessPrng from it for its random
 * seeds. Wine's advapi32 has RtlGenRandom (SystemFunction036), which does the same job. Built and
 * placed beside the .exe by .ci/wine-smoke.sh only; never shipped. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
