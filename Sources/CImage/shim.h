#include <stdio.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <png.h>
#include "reme_jpeg.h"
#include "reme_png.h"
