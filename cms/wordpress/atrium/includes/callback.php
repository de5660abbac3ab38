<?php
/**
 * The site's one sign-in callback page, `<home>/atrium/callback/`: the only redirect URI and
 * post-logout redirect URI this site's widget client registers at the IdP, whichever post or
 * page a visitor signs in from. WordPress serves it here (no page to create, no rewrite rule to
 * flush): a minimal page with embed.js and nothing else, which sends the visitor back to the
 * page the sign-in started from (read from this browser tab's stored sign-in, never from the
 * URL), or explains why not, with a link to the home page.
 *
 * @package Atrium
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const ATRIUM_CALLBACK_PATH = 'atrium/callback/';

/**
 * The callback URL to register at the IdP. With Plain permalinks only index.php reaches
 * WordPress, so the page is served below it (`/index.php/atrium/callback/`).
 */
function atrium_callback_url() {
	$plain = '' === (string) get_option( 'permalink_structure', '' );
	return home_url( ( $plain ? '/index.php/' : '/' ) . ATRIUM_CALLBACK_PATH );
}

/** This site's origin, as `atrium embed add` takes it. */
function atrium_site_origin() {
	$parts = wp_parse_url( home_url() );
	return $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
}

/** True when this request is for the callback page (with or without the IdP's query). */
function atrium_is_callback_request() {
	$uri  = isset( $_SERVER['REQUEST_URI'] ) ? (string) wp_unslash( $_SERVER['REQUEST_URI'] ) : '';
	$path = wp_parse_url( $uri, PHP_URL_PATH );
	return is_string( $path ) && wp_parse_url( atrium_callback_url(), PHP_URL_PATH ) === $path;
}

/**
 * Serves the callback page and ends the request; any other request goes on untouched. Runs on
 * `parse_request`, before WordPress looks for a post at that path.
 */
function atrium_serve_callback() {
	if ( ! atrium_is_callback_request() ) {
		return;
	}
	$base = atrium_deployment_url();
	status_header( '' === $base ? 404 : 200 );
	nocache_headers();
	header( 'Content-Type: text/html; charset=utf-8' );
	// The IdP's code is in this page's URL: it goes in no Referer header, and no index.
	header( 'Referrer-Policy: no-referrer' );
	header( 'X-Robots-Tag: noindex' );
	$site    = get_bloginfo( 'name' );
	$message = '' === $base
		? __( 'Sign-in is not available: the Atrium deployment URL is not set (Settings › Atrium).', 'atrium' )
		: __( 'Signing you in…', 'atrium' );
	echo '<!doctype html><html lang="' . esc_attr( get_bloginfo( 'language' ) ) . '"><head><meta charset="utf-8">'
		. '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">'
		. '<meta name="robots" content="noindex"><title>' . esc_html( $site ) . '</title></head><body>'
		. '<header><a href="' . esc_url( home_url( '/' ) ) . '">' . esc_html( $site ) . '</a></header>'
		. '<main><p data-atrium-callback>' . esc_html( $message ) . '</p></main>';
	if ( '' !== $base ) {
		printf(
			'<script type="module" src="%s" data-config="%s"></script>',
			esc_url( $base . '/embed.js' ),
			esc_url( $base . '/atrium.config.json' )
		);
	}
	echo '</body></html>';
	exit;
}
