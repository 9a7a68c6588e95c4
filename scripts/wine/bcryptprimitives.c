/* A stand-in for Windows' bcryptprimitives.dll, for the Wine check only
 * (scripts/wine-check.sh puts it in the Wine prefix; it is never shipped).
 * Go >= 1.22 programs need ProcessPrng from bcryptprimitives.dll, which every
 * Windows 10 and 11 has but Debian 12's Wine 8.0 lacks ("fatal error:
 * bcryptprimitives.dll not found"). This one fills the buffer from
 * RtlGenRandom (advapi32 SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        size -= n;
    }
    return TRUE;
}
