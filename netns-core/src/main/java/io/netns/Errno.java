// SPDX-License-Identifier: Apache-2.0
package io.netns;

/**
 * Linux errno numbers, with the kernel's names, for comparing {@link NetnsException#errno()}:
 * {@code e.errno() == Errno.EEXIST}.
 *
 * <p>The numbers and texts are those of the kernel's {@code asm-generic/errno-base.h} and
 * {@code asm-generic/errno.h}, which x86_64 and aarch64 share; a test compares this class with
 * the headers installed on the build machine. Aliases ({@code EWOULDBLOCK}, {@code EDEADLOCK})
 * are left out: they are the numbers of {@link #EAGAIN} and {@link #EDEADLK}.
 */
public final class Errno {
    /** {@code EPERM}: Operation not permitted. */
    public static final int EPERM = 1;
    /** {@code ENOENT}: No such file or directory. */
    public static final int ENOENT = 2;
    /** {@code ESRCH}: No such process. */
    public static final int ESRCH = 3;
    /** {@code EINTR}: Interrupted system call. */
    public static final int EINTR = 4;
    /** {@code EIO}: I/O error. */
    public static final int EIO = 5;
    /** {@code ENXIO}: No such device or address. */
    public static final int ENXIO = 6;
    /** {@code E2BIG}: Argument list too long. */
    public static final int E2BIG = 7;
    /** {@code ENOEXEC}: Exec format error. */
    public static final int ENOEXEC = 8;
    /** {@code EBADF}: Bad file number. */
    public static final int EBADF = 9;
    /** {@code ECHILD}: No child processes. */
    public static final int ECHILD = 10;
    /** {@code EAGAIN}: Try again. */
    public static final int EAGAIN = 11;
    /** {@code ENOMEM}: Out of memory. */
    public static final int ENOMEM = 12;
    /** {@code EACCES}: Permission denied. */
    public static final int EACCES = 13;
    /** {@code EFAULT}: Bad address. */
    public static final int EFAULT = 14;
    /** {@code ENOTBLK}: Block device required. */
    public static final int ENOTBLK = 15;
    /** {@code EBUSY}: Device or resource busy. */
    public static final int EBUSY = 16;
    /** {@code EEXIST}: File exists. */
    public static final int EEXIST = 17;
    /** {@code EXDEV}: Cross-device link. */
    public static final int EXDEV = 18;
    /** {@code ENODEV}: No such device. */
    public static final int ENODEV = 19;
    /** {@code ENOTDIR}: Not a directory. */
    public static final int ENOTDIR = 20;
    /** {@code EISDIR}: Is a directory. */
    public static final int EISDIR = 21;
    /** {@code EINVAL}: Invalid argument. */
    public static final int EINVAL = 22;
    /** {@code ENFILE}: File table overflow. */
    public static final int ENFILE = 23;
    /** {@code EMFILE}: Too many open files. */
    public static final int EMFILE = 24;
    /** {@code ENOTTY}: Not a typewriter. */
    public static final int ENOTTY = 25;
    /** {@code ETXTBSY}: Text file busy. */
    public static final int ETXTBSY = 26;
    /** {@code EFBIG}: File too large. */
    public static final int EFBIG = 27;
    /** {@code ENOSPC}: No space left on device. */
    public static final int ENOSPC = 28;
    /** {@code ESPIPE}: Illegal seek. */
    public static final int ESPIPE = 29;
    /** {@code EROFS}: Read-only file system. */
    public static final int EROFS = 30;
    /** {@code EMLINK}: Too many links. */
    public static final int EMLINK = 31;
    /** {@code EPIPE}: Broken pipe. */
    public static final int EPIPE = 32;
    /** {@code EDOM}: Math argument out of domain of func. */
    public static final int EDOM = 33;
    /** {@code ERANGE}: Math result not representable. */
    public static final int ERANGE = 34;
    /** {@code EDEADLK}: Resource deadlock would occur. */
    public static final int EDEADLK = 35;
    /** {@code ENAMETOOLONG}: File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** {@code ENOLCK}: No record locks available. */
    public static final int ENOLCK = 37;
    /** {@code ENOSYS}: Invalid system call number. */
    public static final int ENOSYS = 38;
    /** {@code ENOTEMPTY}: Directory not empty. */
    public static final int ENOTEMPTY = 39;
    /** {@code ELOOP}: Too many symbolic links encountered. */
    public static final int ELOOP = 40;
    /** {@code ENOMSG}: No message of desired type. */
    public static final int ENOMSG = 42;
    /** {@code EIDRM}: Identifier removed. */
    public static final int EIDRM = 43;
    /** {@code ECHRNG}: Channel number out of range. */
    public static final int ECHRNG = 44;
    /** {@code EL2NSYNC}: Level 2 not synchronized. */
    public static final int EL2NSYNC = 45;
    /** {@code EL3HLT}: Level 3 halted. */
    public static final int EL3HLT = 46;
    /** {@code EL3RST}: Level 3 reset. */
    public static final int EL3RST = 47;
    /** {@code ELNRNG}: Link number out of range. */
    public static final int ELNRNG = 48;
    /** {@code EUNATCH}: Protocol driver not attached. */
    public static final int EUNATCH = 49;
    /** {@code ENOCSI}: No CSI structure available. */
    public static final int ENOCSI = 50;
    /** {@code EL2HLT}: Level 2 halted. */
    public static final int EL2HLT = 51;
    /** {@code EBADE}: Invalid exchange. */
    public static final int EBADE = 52;
    /** {@code EBADR}: Invalid request descriptor. */
    public static final int EBADR = 53;
    /** {@code EXFULL}: Exchange full. */
    public static final int EXFULL = 54;
    /** {@code ENOANO}: No anode. */
    public static final int ENOANO = 55;
    /** {@code EBADRQC}: Invalid request code. */
    public static final int EBADRQC = 56;
    /** {@code EBADSLT}: Invalid slot. */
    public static final int EBADSLT = 57;
    /** {@code EBFONT}: Bad font file format. */
    public static final int EBFONT = 59;
    /** {@code ENOSTR}: Device not a stream. */
    public static final int ENOSTR = 60;
    /** {@code ENODATA}: No data available. */
    public static final int ENODATA = 61;
    /** {@code ETIME}: Timer expired. */
    public static final int ETIME = 62;
    /** {@code ENOSR}: Out of streams resources. */
    public static final int ENOSR = 63;
    /** {@code ENONET}: Machine is not on the network. */
    public static final int ENONET = 64;
    /** {@code ENOPKG}: Package not installed. */
    public static final int ENOPKG = 65;
    /** {@code EREMOTE}: Object is remote. */
    public static final int EREMOTE = 66;
    /** {@code ENOLINK}: Link has been severed. */
    public static final int ENOLINK = 67;
    /** {@code EADV}: Advertise error. */
    public static final int EADV = 68;
    /** {@code ESRMNT}: Srmount error. */
    public static final int ESRMNT = 69;
    /** {@code ECOMM}: Communication error on send. */
    public static final int ECOMM = 70;
    /** {@code EPROTO}: Protocol error. */
    public static final int EPROTO = 71;
    /** {@code EMULTIHOP}: Multihop attempted. */
    public static final int EMULTIHOP = 72;
    /** {@code EDOTDOT}: RFS specific error. */
    public static final int EDOTDOT = 73;
    /** {@code EBADMSG}: Not a data message. */
    public static final int EBADMSG = 74;
    /** {@code EOVERFLOW}: Value too large for defined data type. */
    public static final int EOVERFLOW = 75;
    /** {@code ENOTUNIQ}: Name not unique on network. */
    public static final int ENOTUNIQ = 76;
    /** {@code EBADFD}: File descriptor in bad state. */
    public static final int EBADFD = 77;
    /** {@code EREMCHG}: Remote address changed. */
    public static final int EREMCHG = 78;
    /** {@code ELIBACC}: Can not access a needed shared library. */
    public static final int ELIBACC = 79;
    /** {@code ELIBBAD}: Accessing a corrupted shared library. */
    public static final int ELIBBAD = 80;
    /** {@code ELIBSCN}: .lib section in a.out corrupted. */
    public static final int ELIBSCN = 81;
    /** {@code ELIBMAX}: Attempting to link in too many shared libraries. */
    public static final int ELIBMAX = 82;
    /** {@code ELIBEXEC}: Cannot exec a shared library directly. */
    public static final int ELIBEXEC = 83;
    /** {@code EILSEQ}: Illegal byte sequence. */
    public static final int EILSEQ = 84;
    /** {@code ERESTART}: Interrupted system call should be restarted. */
    public static final int ERESTART = 85;
    /** {@code ESTRPIPE}: Streams pipe error. */
    public static final int ESTRPIPE = 86;
    /** {@code EUSERS}: Too many users. */
    public static final int EUSERS = 87;
    /** {@code ENOTSOCK}: Socket operation on non-socket. */
    public static final int ENOTSOCK = 88;
    /** {@code EDESTADDRREQ}: Destination address required. */
    public static final int EDESTADDRREQ = 89;
    /** {@code EMSGSIZE}: Message too long. */
    public static final int EMSGSIZE = 90;
    /** {@code EPROTOTYPE}: Protocol wrong type for socket. */
    public static final int EPROTOTYPE = 91;
    /** {@code ENOPROTOOPT}: Protocol not available. */
    public static final int ENOPROTOOPT = 92;
    /** {@code EPROTONOSUPPORT}: Protocol not supported. */
    public static final int EPROTONOSUPPORT = 93;
    /** {@code ESOCKTNOSUPPORT}: Socket type not supported. */
    public static final int ESOCKTNOSUPPORT = 94;
    /** {@code EOPNOTSUPP}: Operation not supported on transport endpoint. */
    public static final int EOPNOTSUPP = 95;
    /** {@code EPFNOSUPPORT}: Protocol family not supported. */
    public static final int EPFNOSUPPORT = 96;
    /** {@code EAFNOSUPPORT}: Address family not supported by protocol. */
    public static final int EAFNOSUPPORT = 97;
    /** {@code EADDRINUSE}: Address already in use. */
    public static final int EADDRINUSE = 98;
    /** {@code EADDRNOTAVAIL}: Cannot assign requested address. */
    public static final int EADDRNOTAVAIL = 99;
    /** {@code ENETDOWN}: Network is down. */
    public static final int ENETDOWN = 100;
    /** {@code ENETUNREACH}: Network is unreachable. */
    public static final int ENETUNREACH = 101;
    /** {@code ENETRESET}: Network dropped connection because of reset. */
    public static final int ENETRESET = 102;
    /** {@code ECONNABORTED}: Software caused connection abort. */
    public static final int ECONNABORTED = 103;
    /** {@code ECONNRESET}: Connection reset by peer. */
    public static final int ECONNRESET = 104;
    /** {@code ENOBUFS}: No buffer space available. */
    public static final int ENOBUFS = 105;
    /** {@code EISCONN}: Transport endpoint is already connected. */
    public static final int EISCONN = 106;
    /** {@code ENOTCONN}: Transport endpoint is not connected. */
    public static final int ENOTCONN = 107;
    /** {@code ESHUTDOWN}: Cannot send after transport endpoint shutdown. */
    public static final int ESHUTDOWN = 108;
    /** {@code ETOOMANYREFS}: Too many references: cannot splice. */
    public static final int ETOOMANYREFS = 109;
    /** {@code ETIMEDOUT}: Connection timed out. */
    public static final int ETIMEDOUT = 110;
    /** {@code ECONNREFUSED}: Connection refused. */
    public static final int ECONNREFUSED = 111;
    /** {@code EHOSTDOWN}: Host is down. */
    public static final int EHOSTDOWN = 112;
    /** {@code EHOSTUNREACH}: No route to host. */
    public static final int EHOSTUNREACH = 113;
    /** {@code EALREADY}: Operation already in progress. */
    public static final int EALREADY = 114;
    /** {@code EINPROGRESS}: Operation now in progress. */
    public static final int EINPROGRESS = 115;
    /** {@code ESTALE}: Stale file handle. */
    public static final int ESTALE = 116;
    /** {@code EUCLEAN}: Structure needs cleaning. */
    public static final int EUCLEAN = 117;
    /** {@code ENOTNAM}: Not a XENIX named type file. */
    public static final int ENOTNAM = 118;
    /** {@code ENAVAIL}: No XENIX semaphores available. */
    public static final int ENAVAIL = 119;
    /** {@code EISNAM}: Is a named type file. */
    public static final int EISNAM = 120;
    /** {@code EREMOTEIO}: Remote I/O error. */
    public static final int EREMOTEIO = 121;
    /** {@code EDQUOT}: Quota exceeded. */
    public static final int EDQUOT = 122;
    /** {@code ENOMEDIUM}: No medium found. */
    public static final int ENOMEDIUM = 123;
    /** {@code EMEDIUMTYPE}: Wrong medium type. */
    public static final int EMEDIUMTYPE = 124;
    /** {@code ECANCELED}: Operation Canceled. */
    public static final int ECANCELED = 125;
    /** {@code ENOKEY}: Required key not available. */
    public static final int ENOKEY = 126;
    /** {@code EKEYEXPIRED}: Key has expired. */
    public static final int EKEYEXPIRED = 127;
    /** {@code EKEYREVOKED}: Key has been revoked. */
    public static final int EKEYREVOKED = 128;
    /** {@code EKEYREJECTED}: Key was rejected by service. */
    public static final int EKEYREJECTED = 129;
    /** {@code EOWNERDEAD}: Owner died. */
    public static final int EOWNERDEAD = 130;
    /** {@code ENOTRECOVERABLE}: State not recoverable. */
    public static final int ENOTRECOVERABLE = 131;
    /** {@code ERFKILL}: Operation not possible due to RF-kill. */
    public static final int ERFKILL = 132;
    /** {@code EHWPOISON}: Memory page has hardware error. */
    public static final int EHWPOISON = 133;

    private static final String[] NAMES = new String[134];
    private static final String[] DESCRIPTIONS = new String[134];

    private static void e(int number, String name, String description) {
        NAMES[number] = name;
        DESCRIPTIONS[number] = description;
    }

    static {
        e(EPERM, "EPERM", "Operation not permitted");
        e(ENOENT, "ENOENT", "No such file or directory");
        e(ESRCH, "ESRCH", "No such process");
        e(EINTR, "EINTR", "Interrupted system call");
        e(EIO, "EIO", "I/O error");
        e(ENXIO, "ENXIO", "No such device or address");
        e(E2BIG, "E2BIG", "Argument list too long");
        e(ENOEXEC, "ENOEXEC", "Exec format error");
        e(EBADF, "EBADF", "Bad file number");
        e(ECHILD, "ECHILD", "No child processes");
        e(EAGAIN, "EAGAIN", "Try again");
        e(ENOMEM, "ENOMEM", "Out of memory");
        e(EACCES, "EACCES", "Permission denied");
        e(EFAULT, "EFAULT", "Bad address");
        e(ENOTBLK, "ENOTBLK", "Block device required");
        e(EBUSY, "EBUSY", "Device or resource busy");
        e(EEXIST, "EEXIST", "File exists");
        e(EXDEV, "EXDEV", "Cross-device link");
        e(ENODEV, "ENODEV", "No such device");
        e(ENOTDIR, "ENOTDIR", "Not a directory");
        e(EISDIR, "EISDIR", "Is a directory");
        e(EINVAL, "EINVAL", "Invalid argument");
        e(ENFILE, "ENFILE", "File table overflow");
        e(EMFILE, "EMFILE", "Too many open files");
        e(ENOTTY, "ENOTTY", "Not a typewriter");
        e(ETXTBSY, "ETXTBSY", "Text file busy");
        e(EFBIG, "EFBIG", "File too large");
        e(ENOSPC, "ENOSPC", "No space left on device");
        e(ESPIPE, "ESPIPE", "Illegal seek");
        e(EROFS, "EROFS", "Read-only file system");
        e(EMLINK, "EMLINK", "Too many links");
        e(EPIPE, "EPIPE", "Broken pipe");
        e(EDOM, "EDOM", "Math argument out of domain of func");
        e(ERANGE, "ERANGE", "Math result not representable");
        e(EDEADLK, "EDEADLK", "Resource deadlock would occur");
        e(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        e(ENOLCK, "ENOLCK", "No record locks available");
        e(ENOSYS, "ENOSYS", "Invalid system call number");
        e(ENOTEMPTY, "ENOTEMPTY", "Directory not empty");
        e(ELOOP, "ELOOP", "Too many symbolic links encountered");
        e(ENOMSG, "ENOMSG", "No message of desired type");
        e(EIDRM, "EIDRM", "Identifier removed");
        e(ECHRNG, "ECHRNG", "Channel number out of range");
        e(EL2NSYNC, "EL2NSYNC", "Level 2 not synchronized");
        e(EL3HLT, "EL3HLT", "Level 3 halted");
        e(EL3RST, "EL3RST", "Level 3 reset");
        e(ELNRNG, "ELNRNG", "Link number out of range");
        e(EUNATCH, "EUNATCH", "Protocol driver not attached");
        e(ENOCSI, "ENOCSI", "No CSI structure available");
        e(EL2HLT, "EL2HLT", "Level 2 halted");
        e(EBADE, "EBADE", "Invalid exchange");
        e(EBADR, "EBADR", "Invalid request descriptor");
        e(EXFULL, "EXFULL", "Exchange full");
        e(ENOANO, "ENOANO", "No anode");
        e(EBADRQC, "EBADRQC", "Invalid request code");
        e(EBADSLT, "EBADSLT", "Invalid slot");
        e(EBFONT, "EBFONT", "Bad font file format");
        e(ENOSTR, "ENOSTR", "Device not a stream");
        e(ENODATA, "ENODATA", "No data available");
        e(ETIME, "ETIME", "Timer expired");
        e(ENOSR, "ENOSR", "Out of streams resources");
        e(ENONET, "ENONET", "Machine is not on the network");
        e(ENOPKG, "ENOPKG", "Package not installed");
        e(EREMOTE, "EREMOTE", "Object is remote");
        e(ENOLINK, "ENOLINK", "Link has been severed");
        e(EADV, "EADV", "Advertise error");
        e(ESRMNT, "ESRMNT", "Srmount error");
        e(ECOMM, "ECOMM", "Communication error on send");
        e(EPROTO, "EPROTO", "Protocol error");
        e(EMULTIHOP, "EMULTIHOP", "Multihop attempted");
        e(EDOTDOT, "EDOTDOT", "RFS specific error");
        e(EBADMSG, "EBADMSG", "Not a data message");
        e(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        e(ENOTUNIQ, "ENOTUNIQ", "Name not unique on network");
        e(EBADFD, "EBADFD", "File descriptor in bad state");
        e(EREMCHG, "EREMCHG", "Remote address changed");
        e(ELIBACC, "ELIBACC", "Can not access a needed shared library");
        e(ELIBBAD, "ELIBBAD", "Accessing a corrupted shared library");
        e(ELIBSCN, "ELIBSCN", ".lib section in a.out corrupted");
        e(ELIBMAX, "ELIBMAX", "Attempting to link in too many shared libraries");
        e(ELIBEXEC, "ELIBEXEC", "Cannot exec a shared library directly");
        e(EILSEQ, "EILSEQ", "Illegal byte sequence");
        e(ERESTART, "ERESTART", "Interrupted system call should be restarted");
        e(ESTRPIPE, "ESTRPIPE", "Streams pipe error");
        e(EUSERS, "EUSERS", "Too many users");
        e(ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket");
        e(EDESTADDRREQ, "EDESTADDRREQ", "Destination address required");
        e(EMSGSIZE, "EMSGSIZE", "Message too long");
        e(EPROTOTYPE, "EPROTOTYPE", "Protocol wrong type for socket");
        e(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        e(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        e(ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT", "Socket type not supported");
        e(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported on transport endpoint");
        e(EPFNOSUPPORT, "EPFNOSUPPORT", "Protocol family not supported");
        e(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        e(EADDRINUSE, "EADDRINUSE", "Address already in use");
        e(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        e(ENETDOWN, "ENETDOWN", "Network is down");
        e(ENETUNREACH, "ENETUNREACH", "Network is unreachable");
        e(ENETRESET, "ENETRESET", "Network dropped connection because of reset");
        e(ECONNABORTED, "ECONNABORTED", "Software caused connection abort");
        e(ECONNRESET, "ECONNRESET", "Connection reset by peer");
        e(ENOBUFS, "ENOBUFS", "No buffer space available");
        e(EISCONN, "EISCONN", "Transport endpoint is already connected");
        e(ENOTCONN, "ENOTCONN", "Transport endpoint is not connected");
        e(ESHUTDOWN, "ESHUTDOWN", "Cannot send after transport endpoint shutdown");
        e(ETOOMANYREFS, "ETOOMANYREFS", "Too many references: cannot splice");
        e(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        e(ECONNREFUSED, "ECONNREFUSED", "Connection refused");
        e(EHOSTDOWN, "EHOSTDOWN", "Host is down");
        e(EHOSTUNREACH, "EHOSTUNREACH", "No route to host");
        e(EALREADY, "EALREADY", "Operation already in progress");
        e(EINPROGRESS, "EINPROGRESS", "Operation now in progress");
        e(ESTALE, "ESTALE", "Stale file handle");
        e(EUCLEAN, "EUCLEAN", "Structure needs cleaning");
        e(ENOTNAM, "ENOTNAM", "Not a XENIX named type file");
        e(ENAVAIL, "ENAVAIL", "No XENIX semaphores available");
        e(EISNAM, "EISNAM", "Is a named type file");
        e(EREMOTEIO, "EREMOTEIO", "Remote I/O error");
        e(EDQUOT, "EDQUOT", "Quota exceeded");
        e(ENOMEDIUM, "ENOMEDIUM", "No medium found");
        e(EMEDIUMTYPE, "EMEDIUMTYPE", "Wrong medium type");
        e(ECANCELED, "ECANCELED", "Operation Canceled");
        e(ENOKEY, "ENOKEY", "Required key not available");
        e(EKEYEXPIRED, "EKEYEXPIRED", "Key has expired");
        e(EKEYREVOKED, "EKEYREVOKED", "Key has been revoked");
        e(EKEYREJECTED, "EKEYREJECTED", "Key was rejected by service");
        e(EOWNERDEAD, "EOWNERDEAD", "Owner died");
        e(ENOTRECOVERABLE, "ENOTRECOVERABLE", "State not recoverable");
        e(ERFKILL, "ERFKILL", "Operation not possible due to RF-kill");
        e(EHWPOISON, "EHWPOISON", "Memory page has hardware error");
    }

    private Errno() {
    }

    /**
     * The symbolic name of an errno number, as the kernel's headers spell it.
     *
     * @param errno an errno number
     * @return the name ({@code "EPERM"}); {@code "OK"} for 0; {@code "E<n>"} (such as
     *         {@code "E1234"}) for a number this table does not know; never {@code null}
     */
    public static String name(int errno) {
        if (errno > 0 && errno < NAMES.length && NAMES[errno] != null) {
            return NAMES[errno];
        }
        return errno == 0 ? "OK" : "E" + errno;
    }

    /**
     * The kernel's one-line description of an errno number, as {@code strerror} gives it.
     *
     * @param errno an errno number
     * @return the text ({@code "Operation not permitted"}), or {@code "Unknown error <n>"}
     */
    public static String describe(int errno) {
        if (errno > 0 && errno < DESCRIPTIONS.length && DESCRIPTIONS[errno] != null) {
            return DESCRIPTIONS[errno];
        }
        return "Unknown error " + errno;
    }

    /** How many errno numbers the table knows; used by the header check. */
    static int known() {
        int n = 0;
        for (String name : NAMES) {
            n += name == null ? 0 : 1;
        }
        return n;
    }
}
