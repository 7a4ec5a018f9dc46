package io.liandong.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotoKindTests {

    @Test
    void tellsJpegPngAndWebpByTheirFirstBytes() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
        byte[] webp = {'R', 'I', 'F', 'F', 9, 0, 0, 0, 'W', 'E', 'B', 'P', 'V'};

        assertThat(PhotoKind.sniff(jpeg)).contains(PhotoKind.JPEG);
        assertThat(PhotoKind.sniff(png)).contains(PhotoKind.PNG);
        assertThat(PhotoKind.sniff(webp)).contains(PhotoKind.WEBP);
    }

    @Test
    void refusesTextSvgOtherRiffFilesAndTruncatedMagic() {
        byte[] wav = {'R', 'I', 'F', 'F', 9, 0, 0, 0, 'W', 'A', 'V', 'E'};
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] cutPng = {(byte) 0x89, 'P', 'N', 'G'};

        assertThat(PhotoKind.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(PhotoKind.sniff(wav)).isEmpty();
        assertThat(PhotoKind.sniff(svg)).isEmpty();
        assertThat(PhotoKind.sniff(cutPng)).isEmpty();
        assertThat(PhotoKind.sniff(new byte[0])).isEmpty();
    }

    @Test
    void keepsOnlyTheLastSegmentOfAGivenNameWithoutControlCharacters() {
        assertThat(AttachmentService.fileName("C:\\Users\\x\\现场.jpg", PhotoKind.JPEG))
                .isEqualTo("现场.jpg");
        assertThat(AttachmentService.fileName("../../etc/passwd", PhotoKind.PNG))
                .isEqualTo("passwd");
        assertThat(AttachmentService.fileName("a\r\nb.png", PhotoKind.PNG)).isEqualTo("ab.png");
        // DEL and C1 (U+0085 is a line break to some readers) were kept in the stored name
        assertThat(AttachmentService.fileName("现\u007f场\u0085\u009b照片.png", PhotoKind.PNG))
                .isEqualTo("现场照片.png");
        assertThat(AttachmentService.fileName(null, PhotoKind.WEBP)).isEqualTo("photo.webp");
        assertThat(AttachmentService.fileName("dir/", PhotoKind.PNG)).isEqualTo("photo.png");
        assertThat(AttachmentService.fileName("..", PhotoKind.PNG)).isEqualTo("photo.png");
        assertThat(AttachmentService.fileName("x".repeat(300) + ".png", PhotoKind.PNG))
                .hasSize(200);
    }
}
