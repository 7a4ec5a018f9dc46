package io.liandong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: {@code serve} (default) starts the center. */
@SpringBootApplication
public class LiandongApplication {

    public static void main(String[] args) {
        SpringApplication.run(LiandongApplication.class, args);
    }
}
