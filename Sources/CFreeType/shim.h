#ifndef REME_FREETYPE_H
#define REME_FREETYPE_H
/*
 * FreeType 2 (Debian libfreetype-dev) for the overlay legend's text. FreeType's load flags
 * are function-like macros the Swift importer cannot see, and a rendered glyph lies several
 * pointers deep in the face record, so these small static inline functions hand Swift flat
 * values. A face is not thread-safe: the Swift caller serialises all calls on one face.
 */
#include <ft2build.h>
#include FT_FREETYPE_H

/* Line metrics of a face at its current pixel size, in whole pixels (26.6 values rounded). */
typedef struct reme_ft_metrics {
    int ascender;   /* baseline to the top of the line, > 0 */
    int descender;  /* baseline to the bottom of the line, > 0 */
    int height;     /* baseline-to-baseline distance */
} reme_ft_metrics;

/* One rendered glyph: 8-bit coverage rows `pitch` bytes apart (pitch may be negative). */
typedef struct reme_ft_glyph {
    int width, rows, pitch;
    int left;        /* pen position to the bitmap's left edge */
    int top;         /* baseline to the bitmap's top row (up is positive) */
    long advance;    /* horizontal advance, 26.6 fixed point */
    int gray;        /* 1 when the bitmap is 8-bit gray coverage */
    const unsigned char *buffer;
} reme_ft_glyph;

/* Opens face `index` of the file at `path` and sets its size in pixels. Returns 0 or a FreeType error. */
static inline FT_Error reme_ft_open(FT_Library library, const char *path, FT_Long index, FT_UInt pixels, FT_Face *face) {
    FT_Error error = FT_New_Face(library, path, index, face);
    if (error) return error;
    error = FT_Set_Pixel_Sizes(*face, 0, pixels);
    if (error) { FT_Done_Face(*face); *face = NULL; }
    return error;
}

static inline long reme_ft_round(FT_Pos value) { return (long)((value + 32) >> 6); }

static inline reme_ft_metrics reme_ft_line_metrics(FT_Face face) {
    FT_Size_Metrics m = face->size->metrics;
    reme_ft_metrics out = { (int)reme_ft_round(m.ascender), (int)reme_ft_round(-m.descender), (int)reme_ft_round(m.height) };
    return out;
}

/*
 * Renders glyph `glyph_index` anti-aliased with light hinting (vertical only, which keeps
 * the letter shapes). The bitmap stays valid until the next call on the same face.
 */
static inline FT_Error reme_ft_render(FT_Face face, FT_UInt glyph_index, reme_ft_glyph *out) {
    FT_Error error = FT_Load_Glyph(face, glyph_index, FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT);
    if (error) return error;
    FT_GlyphSlot slot = face->glyph;
    out->width = (int)slot->bitmap.width;
    out->rows = (int)slot->bitmap.rows;
    out->pitch = slot->bitmap.pitch;
    out->left = slot->bitmap_left;
    out->top = slot->bitmap_top;
    out->advance = (long)slot->advance.x;
    out->gray = slot->bitmap.pixel_mode == FT_PIXEL_MODE_GRAY;
    out->buffer = slot->bitmap.buffer;
    return 0;
}

#endif
