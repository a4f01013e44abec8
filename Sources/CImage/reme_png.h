#ifndef REME_PNG_H
#define REME_PNG_H
/*
 * libpng reports errors by longjmp to png_jmpbuf. As for libjpeg (see reme_jpeg.h), every
 * libpng call that can fail runs inside one of these static inline C functions that arms
 * its own setjmp, so the jump never crosses a Swift frame. The low-level API is used (not
 * the simplified png_image one) because label maps need palette indices and 16-bit samples
 * exactly as stored, without gamma or colour-map processing.
 */
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <png.h>

#define REME_PNG_MESSAGE_LENGTH 256

typedef struct reme_png_reader {
    png_structp png;
    png_infop info;
    const unsigned char *data;
    size_t size;
    size_t offset;
    char message[REME_PNG_MESSAGE_LENGTH];
    /* Stored format. */
    png_uint_32 width, height;
    int bit_depth, color_type, interlaced;
    /* Layout after the requested transformations. */
    int out_channels, out_bit_depth, passes;
    size_t out_rowbytes;
} reme_png_reader;

static inline void reme_png_error(png_structp png, png_const_charp message) {
    reme_png_reader *reader = (reme_png_reader *)png_get_error_ptr(png);
    strncpy(reader->message, message ? message : "unknown libpng error", REME_PNG_MESSAGE_LENGTH - 1);
    reader->message[REME_PNG_MESSAGE_LENGTH - 1] = 0;
    png_longjmp(png, 1);
}

static inline void reme_png_warning(png_structp png, png_const_charp message) {
    (void)png; (void)message;
}

static inline void reme_png_read_data(png_structp png, png_bytep out, size_t length) {
    reme_png_reader *reader = (reme_png_reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->offset) png_error(png, "unexpected end of PNG data (file truncated)");
    memcpy(out, reader->data + reader->offset, length);
    reader->offset += length;
}

/*
 * Reads the PNG header and sets up transformations.
 * mode 0 (8-bit pixels): 16-bit samples keep their high byte, 1/2/4-bit gray is scaled to
 *   0...255, palettes expand to RGB, tRNS becomes an alpha channel.
 * mode 1 (stored samples): sub-byte samples unpack to one byte each without scaling,
 *   palettes stay indices, tRNS is ignored, 16-bit samples come in host byte order.
 * Returns 1 on success, 0 on error (message in reader->message). Always call reme_png_destroy.
 */
static inline int reme_png_start(reme_png_reader *reader, const unsigned char *data, size_t size,
                                 int mode) {
    memset(reader, 0, sizeof *reader);
    reader->data = data;
    reader->size = size;
    reader->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, reme_png_error, reme_png_warning);
    if (!reader->png) { strcpy(reader->message, "cannot create PNG reader"); return 0; }
    if (setjmp(png_jmpbuf(reader->png))) return 0;
    reader->info = png_create_info_struct(reader->png);
    if (!reader->info) png_error(reader->png, "cannot create PNG info");
    png_set_read_fn(reader->png, reader, reme_png_read_data);
    png_read_info(reader->png, reader->info);
    int interlace = 0, compression = 0, filter = 0;
    png_get_IHDR(reader->png, reader->info, &reader->width, &reader->height, &reader->bit_depth,
                 &reader->color_type, &interlace, &compression, &filter);
    reader->interlaced = interlace != PNG_INTERLACE_NONE;
    if (mode == 0) {
        if (reader->bit_depth == 16) png_set_strip_16(reader->png);
        if (reader->color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(reader->png);
        if (reader->color_type == PNG_COLOR_TYPE_GRAY && reader->bit_depth < 8)
            png_set_expand_gray_1_2_4_to_8(reader->png);
        if (png_get_valid(reader->png, reader->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(reader->png);
        png_set_packing(reader->png);
    } else {
        if (reader->bit_depth < 8) png_set_packing(reader->png);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (reader->bit_depth == 16) png_set_swap(reader->png);
#endif
    }
    reader->passes = png_set_interlace_handling(reader->png);
    png_read_update_info(reader->png, reader->info);
    reader->out_channels = png_get_channels(reader->png, reader->info);
    reader->out_bit_depth = png_get_bit_depth(reader->png, reader->info);
    reader->out_rowbytes = png_get_rowbytes(reader->png, reader->info);
    return 1;
}

/* Decodes every pass of every row into `pixels` (rows `stride` >= out_rowbytes apart). */
static inline int reme_png_read_pixels(reme_png_reader *reader, unsigned char *pixels, size_t stride) {
    if (setjmp(png_jmpbuf(reader->png))) return 0;
    for (int pass = 0; pass < reader->passes; pass++) {
        for (png_uint_32 y = 0; y < reader->height; y++) {
            png_read_row(reader->png, pixels + (size_t)y * stride, NULL);
        }
    }
    return 1;
}

/* Copies the palette (RGB triples) and its tRNS alpha values; returns the entry count. */
static inline int reme_png_palette(reme_png_reader *reader, unsigned char rgb[768], unsigned char alpha[256]) {
    png_colorp colors = NULL;
    int count = 0;
    if (!png_get_PLTE(reader->png, reader->info, &colors, &count) || count <= 0) return 0;
    if (count > 256) count = 256;
    for (int i = 0; i < count; i++) {
        rgb[3 * i] = colors[i].red; rgb[3 * i + 1] = colors[i].green; rgb[3 * i + 2] = colors[i].blue;
        alpha[i] = 255;
    }
    png_bytep trans = NULL;
    int trans_count = 0;
    if (png_get_tRNS(reader->png, reader->info, &trans, &trans_count, NULL) && trans) {
        for (int i = 0; i < trans_count && i < count; i++) alpha[i] = trans[i];
    }
    return count;
}

static inline void reme_png_destroy(reme_png_reader *reader) {
    if (reader->png) png_destroy_read_struct(&reader->png, reader->info ? &reader->info : NULL, NULL);
    reader->png = NULL;
    reader->info = NULL;
}

/* ---- Writing ---- */

typedef struct reme_png_writer {
    unsigned char *data;
    size_t size, capacity;
    char message[REME_PNG_MESSAGE_LENGTH];
} reme_png_writer;

static inline void reme_png_write_error(png_structp png, png_const_charp message) {
    reme_png_writer *writer = (reme_png_writer *)png_get_error_ptr(png);
    strncpy(writer->message, message ? message : "unknown libpng error", REME_PNG_MESSAGE_LENGTH - 1);
    writer->message[REME_PNG_MESSAGE_LENGTH - 1] = 0;
    png_longjmp(png, 1);
}

static inline void reme_png_write_data(png_structp png, png_bytep bytes, size_t length) {
    reme_png_writer *writer = (reme_png_writer *)png_get_io_ptr(png);
    if (length > writer->capacity - writer->size) {
        size_t capacity = writer->capacity ? writer->capacity : 65536;
        while (length > capacity - writer->size) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory while encoding PNG");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, length);
    writer->size += length;
}

static inline void reme_png_flush(png_structp png) { (void)png; }

/*
 * Encodes rows of samples (16-bit ones in host byte order) into writer->data (malloc'd;
 * free with reme_png_writer_free). color_type is a PNG_COLOR_TYPE_*; a palette of
 * palette_count RGB triples is written for PNG_COLOR_TYPE_PALETTE. Returns 1 or 0.
 */
static inline int reme_png_encode(reme_png_writer *writer, const unsigned char *pixels, size_t stride,
                                  png_uint_32 width, png_uint_32 height, int bit_depth, int color_type,
                                  const unsigned char *palette_rgb, int palette_count) {
    memset(writer, 0, sizeof *writer);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, writer, reme_png_write_error, reme_png_warning);
    if (!png) { strcpy(writer->message, "cannot create PNG writer"); return 0; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        strcpy(writer->message, "cannot create PNG info");
        return 0;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 0;
    }
    png_set_write_fn(png, writer, reme_png_write_data, reme_png_flush);
    png_set_IHDR(png, info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color colors[256];
        if (palette_count < 1 || palette_count > 256) png_error(png, "palette must have 1 to 256 colours");
        for (int i = 0; i < palette_count; i++) {
            colors[i].red = palette_rgb[3 * i];
            colors[i].green = palette_rgb[3 * i + 1];
            colors[i].blue = palette_rgb[3 * i + 2];
        }
        png_set_PLTE(png, info, colors, palette_count);
    }
    png_write_info(png, info);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (bit_depth == 16) png_set_swap(png);
#endif
    for (png_uint_32 y = 0; y < height; y++) png_write_row(png, pixels + (size_t)y * stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 1;
}

static inline void reme_png_writer_free(reme_png_writer *writer) {
    free(writer->data);
    writer->data = NULL;
    writer->size = writer->capacity = 0;
}

#endif
