#ifndef REME_JPEG_H
#define REME_JPEG_H
/*
 * libjpeg reports fatal errors through `error_exit`, which must never return to libjpeg.
 * Swift can neither call setjmp nor survive a longjmp across its own frames, so every
 * libjpeg call that can fail is made from these small static inline C functions (compiled
 * by the Clang importer; no extra target needed). Each one arms its own setjmp; the error
 * handler formats the message and longjmps back into the same C function, which returns 0.
 * No Swift frame ever lies between the setjmp and the longjmp.
 */
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>

typedef struct reme_jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr errors;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int created;
    /* Set when libjpeg hit the end of the data before the image was complete. */
    int truncated;
} reme_jpeg_reader;

static inline void reme_jpeg_error_exit(j_common_ptr cinfo) {
    reme_jpeg_reader *reader = (reme_jpeg_reader *)cinfo->client_data;
    (*cinfo->err->format_message)(cinfo, reader->message);
    longjmp(reader->jump, 1);
}

/* Warnings are not printed; a premature end of data is remembered (PIL also rejects it). */
static inline void reme_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    reme_jpeg_reader *reader = (reme_jpeg_reader *)cinfo->client_data;
    if (cinfo->err->msg_code == JWRN_JPEG_EOF && !reader->truncated) {
        reader->truncated = 1;
        (*cinfo->err->format_message)(cinfo, reader->message);
    }
    cinfo->err->num_warnings++;
}

static inline void reme_jpeg_output_message(j_common_ptr cinfo) { (void)cinfo; }

/*
 * Reads the header of an in-memory JPEG and starts decompression. Output colour space:
 * gray stays gray, CMYK/YCCK become CMYK (converted by the caller), everything else RGB.
 * EXIF (APP1) markers are kept in cinfo.marker_list. Returns 1 on success, 0 on error
 * (message in reader->message). Call reme_jpeg_destroy in every case.
 */
static inline int reme_jpeg_start(reme_jpeg_reader *reader, const unsigned char *data,
                                  unsigned long size) {
    memset(reader, 0, sizeof *reader);
    reader->cinfo.err = jpeg_std_error(&reader->errors);
    reader->errors.error_exit = reme_jpeg_error_exit;
    reader->errors.emit_message = reme_jpeg_emit_message;
    reader->errors.output_message = reme_jpeg_output_message;
    reader->cinfo.client_data = reader;
    if (setjmp(reader->jump)) return 0;
    jpeg_create_decompress(&reader->cinfo);
    reader->created = 1;
    jpeg_mem_src(&reader->cinfo, data, size);
    jpeg_save_markers(&reader->cinfo, JPEG_APP0 + 1, 0xFFFF);
    if (jpeg_read_header(&reader->cinfo, TRUE) != JPEG_HEADER_OK) {
        strcpy(reader->message, "no image in JPEG data");
        return 0;
    }
    switch (reader->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE: reader->cinfo.out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK:
    case JCS_YCCK: reader->cinfo.out_color_space = JCS_CMYK; break;
    default: reader->cinfo.out_color_space = JCS_RGB; break;
    }
    jpeg_start_decompress(&reader->cinfo);
    return 1;
}

/* Decodes all scanlines into `pixels` (rows `stride` bytes apart). Returns 1 or 0. */
static inline int reme_jpeg_read_pixels(reme_jpeg_reader *reader, unsigned char *pixels,
                                        size_t stride) {
    if (setjmp(reader->jump)) return 0;
    while (reader->cinfo.output_scanline < reader->cinfo.output_height) {
        JSAMPROW row = pixels + (size_t)reader->cinfo.output_scanline * stride;
        if (jpeg_read_scanlines(&reader->cinfo, &row, 1) != 1) {
            strcpy(reader->message, "JPEG decoder returned no scanline");
            return 0;
        }
    }
    jpeg_finish_decompress(&reader->cinfo);
    return 1;
}

static inline void reme_jpeg_destroy(reme_jpeg_reader *reader) {
    if (reader->created) jpeg_destroy_decompress(&reader->cinfo);
    reader->created = 0;
}

#endif
